package cn.xianfeng.dues;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.dues.DuesTypes.Declaration;
import cn.xianfeng.dues.DuesTypes.MemberDues;
import cn.xianfeng.dues.DuesTypes.NewPayment;
import cn.xianfeng.dues.DuesTypes.Recorded;
import cn.xianfeng.dues.internal.DeclarationRows;
import cn.xianfeng.dues.internal.DuesAccess;
import cn.xianfeng.dues.internal.LedgerWriter;
import cn.xianfeng.dues.internal.Ledgers;
import cn.xianfeng.dues.internal.Months;
import cn.xianfeng.dues.internal.PaymentRows;
import cn.xianfeng.dues.internal.Timeline;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.org.Person;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * A member's dues ledger: what they owe and have paid, recording a payment (with its receipt) and correcting one,
 * the receipts, and the paid-until month other procedures read (the relation transfer's outgoing check and letter).
 */
@Service
public class DuesLedger {

    private final DuesAccess access;
    private final Ledgers ledgers;
    private final DeclarationRows declarations;
    private final PaymentRows payments;
    private final LedgerWriter writer;
    private final Documents documents;
    private final Clock clock;

    DuesLedger(DuesAccess access, Ledgers ledgers, DeclarationRows declarations, PaymentRows payments,
               LedgerWriter writer, Documents documents, Clock clock) {
        this.access = access;
        this.ledgers = ledgers;
        this.declarations = declarations;
        this.payments = payments;
        this.writer = writer;
        this.documents = documents;
        this.clock = clock;
    }

    /** The member's dues as the viewer may see them (the member, collectors, readers of the subtree); else 404. */
    public MemberDues member(String username, String viewer) {
        Person member = access.visible(username, viewer);
        return view(member);
    }

    MemberDues view(Person member) {
        YearMonth current = YearMonth.now(clock);
        Timeline t = ledgers.of(member.username());
        List<Declaration> all = declarations.of(member.username());
        Declaration pending = all.isEmpty() || !"PENDING".equals(all.get(0).status()) ? null : all.get(0);
        Declaration inForce = inForce(all, current);
        List<YearMonth> unpaid = t.unpaidBefore(current);
        boolean declaredThisYear = all.stream().anyMatch(d -> !"REJECTED".equals(d.status())
                && d.declaredAt().atZone(clock.getZone()).getYear() == current.getYear());
        return new MemberDues(member.username(), member.name(), member.orgCode(),
                inForce == null ? null : inForce.category(), inForce == null ? null : inForce.monthlyBaseFen(),
                inForce == null ? null : inForce.fixedFen(), inForce == null ? null : inForce.standardFen(),
                inForce == null ? null : inForce.from(), t.owingFrom().map(YearMonth::toString).orElse(null),
                t.paidUntil().map(YearMonth::toString).orElse(null), unpaid.size(), t.sum(unpaid),
                Months.text(unpaid), t.firstUnpaid().map(YearMonth::toString).orElse(null), declaredThisYear, pending,
                all, payments.of(member.username()));
    }

    /** The confirmed declaration in force this month, or the earliest one that will be (a base from a later month). */
    private static Declaration inForce(List<Declaration> newestFirst, YearMonth current) {
        List<Declaration> confirmed = newestFirst.stream().filter(d -> "CONFIRMED".equals(d.status())).toList();
        Declaration best = null;
        for (Declaration d : confirmed) { // newest first: the first whose month has come, latest month winning
            YearMonth from = YearMonth.parse(d.from());
            if (!from.isAfter(current) && (best == null || from.isAfter(YearMonth.parse(best.from())))) {
                best = d;
            }
        }
        if (best == null && !confirmed.isEmpty()) {
            best = confirmed.stream().min((a, b) -> a.from().compareTo(b.from())).orElseThrow();
        }
        return best;
    }

    /**
     * The next {@code count} unpaid months from the first unpaid one with the amount they cost, as a payment to
     * record (what the collector's page offers); 400 when the member owes nothing yet or a month has no standard.
     */
    public NewPayment next(String username, int count, String paidOn, String viewer) {
        access.visible(username, viewer);
        if (count < 1 || count > 24) {
            throw cn.xianfeng.common.InvalidInputException.of("count", Refusal.of("dues.monthCount"));
        }
        Timeline t = ledgers.of(username);
        YearMonth first = t.firstUnpaid().orElseThrow(() -> cn.xianfeng.common.InvalidInputException.of("member",
                Refusal.of("dues.noConfirmedBase")));
        List<YearMonth> months = Months.range(first, first.plusMonths(count - 1));
        return new NewPayment(username, Months.text(months), t.sum(months), paidOn);
    }

    /** Records a payment by hand: 201 with its id and receipt code. */
    public Recorded record(NewPayment payment, String actor) {
        return writer.record(payment, "MANUAL", actor);
    }

    /** Corrects a payment by a reversal row that references it. */
    public Recorded reverse(long paymentId, String reason, String actor) {
        return writer.reverse(paymentId, reason, actor);
    }

    public record Receipt(String code, byte[] pdf) {
    }

    /** A payment's receipt, for whoever may see the member's dues; 404 otherwise. */
    public Receipt receipt(long paymentId, String viewer) {
        PaymentRows.Row row = payments.find(paymentId).filter(r -> r.receiptCode() != null)
                .orElseThrow(() -> new NotFoundException(Refusal.of("dues.receiptNotFound", String.valueOf(paymentId))));
        access.visible(row.username(), viewer);
        return new Receipt(row.receiptCode(), documents.content(row.receiptCode()));
    }

    /** The last month of the member's unbroken run of paid months, from the ledger; empty without one. */
    public Optional<YearMonth> paidUntil(String username) {
        return ledgers.of(username).paidUntil();
    }
}
