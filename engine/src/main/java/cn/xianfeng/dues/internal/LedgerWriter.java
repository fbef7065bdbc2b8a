package cn.xianfeng.dues.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.InvalidInputException.Violation;
import cn.xianfeng.dues.DuesEvents.PaymentRecorded;
import cn.xianfeng.dues.DuesEvents.PaymentReversed;
import cn.xianfeng.dues.DuesTypes.NewPayment;
import cn.xianfeng.dues.DuesTypes.Recorded;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the ledger: a payment (checked against the member's standards, its months from the first unpaid month
 * on, at most a year ahead, each month once) with its receipt and audit event, and a reversal that corrects one.
 */
@Component
public class LedgerWriter {

    private final PaymentRows payments;
    private final Ledgers ledgers;
    private final Receipts receipts;
    private final DuesAccess access;
    private final People people;
    private final Orgs orgs;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LedgerWriter(PaymentRows payments, Ledgers ledgers, Receipts receipts, DuesAccess access, People people, Orgs orgs,
                 AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.payments = payments;
        this.ledgers = ledgers;
        this.receipts = receipts;
        this.access = access;
        this.people = people;
        this.orgs = orgs;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Recorded record(NewPayment p, String source, String actor) {
        Person member = access.collectable(p.username(), actor);
        List<Violation> problems = new ArrayList<>();
        List<YearMonth> months = PaymentChecks.months(p.months(), problems);
        LocalDate today = LocalDate.now(clock);
        LocalDate paidOn = PaymentChecks.paidOn(p.paidOn(), today, problems);
        if (p.amountFen() == null || p.amountFen() < 1) {
            problems.add(new Violation("amountFen", Refusal.of("dues.amountPositive")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        payments.lockMember(member.username());
        Timeline t = ledgers.of(member.username());
        PaymentChecks.months(t, months, YearMonth.from(today));
        long due = t.sum(months);
        if (p.amountFen() != due) {
            throw InvalidInputException.of("amountFen", Refusal.of("dues.amountMismatch", Months.yuan(due), String.valueOf(due), Months.span(months)));
        }
        long id = payments.nextId();
        Org branch = orgs.branchOf(member.orgCode());
        String receipt = receipts.issue(new Receipts.Content(id, member, branch, months,
                months.stream().map(m -> t.standard(m).orElseThrow()).toList(), due, paidOn,
                people.get(actor).name()), actor);
        Instant now = clock.instant();
        payments.insert(new PaymentRows.NewRow(id, "PAYMENT", member.username(), branch.code(), months, due, paidOn,
                null, null, source, receipt, actor, now));
        try {
            payments.markPaid(member.username(), months, id);
        } catch (DuplicateKeyException e) {
            throw new ConflictException(Refusal.of("dues.monthPaid"));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("paymentId", id);
        data.put("username", member.username());
        data.put("months", Months.text(months));
        data.put("amountFen", due);
        data.put("paidOn", paidOn.toString());
        data.put("receiptCode", receipt);
        data.put("source", source);
        audit.record(new AuditEntry(actor, branch.code(), AuditAction.DUES_PAID, null, null, null, data, null, null));
        events.publishEvent(new PaymentRecorded(id, member.username(), Months.text(months), due, paidOn, receipt, actor));
        return new Recorded(id, receipt);
    }

    /** Corrects a payment: a reversal row, its months unpaid again, its receipt void. */
    @Transactional
    public Recorded reverse(long paymentId, String reason, String actor) {
        PaymentRows.Row row = payments.find(paymentId)
                .orElseThrow(() -> new cn.xianfeng.common.NotFoundException(Refusal.of("dues.paymentNotFound", String.valueOf(paymentId))));
        Person member = access.visible(row.username(), actor);
        access.collectable(member.username(), actor);
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            throw InvalidInputException.of("reason", Refusal.of("dues.reversalReason"));
        }
        payments.lockMember(member.username());
        row = payments.find(paymentId).orElseThrow();
        if (!"PAYMENT".equals(row.kind()) || row.reversed()) {
            throw new ConflictException(Refusal.of("dues.alreadyReversed"));
        }
        long id = payments.nextId();
        Instant now = clock.instant();
        try {
            payments.insert(new PaymentRows.NewRow(id, "REVERSAL", row.username(), row.branchCode(), row.months(),
                    -row.amountFen(), LocalDate.now(clock), paymentId, reason.strip(), "MANUAL", null, actor, now));
        } catch (DuplicateKeyException e) {
            throw new ConflictException(Refusal.of("dues.alreadyReversed"));
        }
        payments.unmarkPaid(paymentId);
        receipts.voidReceipt(row.receiptCode(), reason.strip(), actor);
        audit.record(new AuditEntry(actor, row.branchCode(), AuditAction.DUES_PAYMENT_REVERSED, null, null, null,
                Map.of("paymentId", id, "corrects", paymentId, "username", row.username(),
                        "months", Months.text(row.months()), "amountFen", -row.amountFen(), "reason", reason.strip()),
                null, null));
        events.publishEvent(new PaymentReversed(id, paymentId, row.username(), Months.text(row.months()),
                reason.strip(), actor));
        return new Recorded(id, null);
    }
}
