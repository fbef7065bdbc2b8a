package cn.xianfeng.dues;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.dues.DuesTypes.ImportReport;
import cn.xianfeng.dues.DuesTypes.ImportedRow;
import cn.xianfeng.dues.DuesTypes.NewPayment;
import cn.xianfeng.dues.DuesTypes.Recorded;
import cn.xianfeng.dues.DuesTypes.RejectedRow;
import cn.xianfeng.dues.internal.DuesAccess;
import cn.xianfeng.dues.internal.ImportFiles;
import cn.xianfeng.dues.internal.ImportRows;
import cn.xianfeng.dues.internal.ImportRows.RowRejected;
import cn.xianfeng.dues.internal.LedgerWriter;
import cn.xianfeng.dues.internal.Ledgers;
import cn.xianfeng.dues.internal.MemberLookup;
import cn.xianfeng.dues.internal.Months;
import cn.xianfeng.dues.internal.PaymentRows;
import cn.xianfeng.dues.internal.Timeline;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Payments from a bank statement (.xlsx or .csv), row by row: each row is its own transaction through the same
 * checks as a payment by hand (and gets its own receipt), so a rejected row stores nothing and never blocks
 * another. Without a {@code months} column the amount must be whole months' standards from the first unpaid month.
 */
@Service
public class DuesImport {

    /** The largest statement taken, in bytes (413 above it). */
    public static final int MAX_BYTES = ImportFiles.MAX_BYTES;
    static final int MAX_DERIVED_MONTHS = 24;
    private static final String NOT_YOURS = "人员不存在或不在您负责收缴的支部";

    private final DuesAccess access;
    private final MemberLookup lookup;
    private final Ledgers ledgers;
    private final PaymentRows payments;
    private final LedgerWriter writer;
    private final cn.xianfeng.org.People people;
    private final TransactionTemplate perRow;

    DuesImport(DuesAccess access, MemberLookup lookup, Ledgers ledgers, PaymentRows payments, LedgerWriter writer,
               cn.xianfeng.org.People people, PlatformTransactionManager transactions) {
        this.people = people;
        this.access = access;
        this.lookup = lookup;
        this.ledgers = ledgers;
        this.payments = payments;
        this.writer = writer;
        this.perRow = new TransactionTemplate(transactions);
        this.perRow.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public ImportReport importFile(String filename, byte[] content, String actor) {
        if (!access.collectsSomewhere(actor)) {
            throw new ForbiddenException(Refusal.of("dues.importNotAllowed"));
        }
        List<List<String>> rows = ImportFiles.read(filename, content);
        if (rows.isEmpty()) {
            throw InvalidInputException.of("file", Refusal.of("common.emptyFile"));
        }
        ImportRows layout = ImportRows.of(rows.get(0));
        List<ImportedRow> accepted = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> cells = rows.get(i);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            int row = i;
            try {
                ImportRows.Row r = layout.parse(cells);
                String username = member(r, actor);
                ImportedRow done = perRow.execute(tx -> {
                    List<String> months = r.months() != null ? r.months() : derive(username, r);
                    Recorded rec = writer.record(new NewPayment(username, months, r.amountFen(), r.paidOn()),
                            "IMPORT", actor);
                    return new ImportedRow(row, username, months, r.amountFen(), rec.id(), rec.receiptCode());
                });
                accepted.add(done);
            } catch (RowRejected | ConflictException | ForbiddenException | NotFoundException e) {
                rejected.add(new RejectedRow(row, e.getMessage()));
            } catch (InvalidInputException e) {
                rejected.add(new RejectedRow(row, String.join("；", e.violations().stream()
                        .map(v -> v.message()).toList())));
            }
        }
        return new ImportReport(accepted.size(), rejected, accepted);
    }

    private String member(ImportRows.Row r, String actor) {
        List<String> found = lookup.find(r.memberColumn(), r.memberValue()).stream()
                .filter(u -> access.mayCollect(actor, orgOf(u))).toList();
        if (found.isEmpty()) {
            throw new RowRejected(NOT_YOURS + "：" + r.memberValue());
        }
        if (found.size() > 1) {
            throw new RowRejected("有同名党员，请改用 username 或 idNumber 列：" + r.memberValue());
        }
        return found.get(0);
    }

    private String orgOf(String username) {
        return people.find(username).map(cn.xianfeng.org.Person::orgCode).orElse(null);
    }

    /** The months from the first unpaid one whose standards add up to the amount exactly. */
    private List<String> derive(String username, ImportRows.Row r) {
        Timeline t = ledgers.of(username);
        YearMonth first = t.firstUnpaid().orElseThrow(() -> new RowRejected("该党员尚无经确认的党费基数"));
        if (payments.importedAlready(username, java.time.LocalDate.parse(r.paidOn()), r.amountFen())) {
            throw new RowRejected("疑似重复：该党员 " + r.paidOn() + " 已有同额的导入缴费");
        }
        List<YearMonth> months = new ArrayList<>();
        long sum = 0;
        for (YearMonth m = first; months.size() < MAX_DERIVED_MONTHS && sum < r.amountFen(); m = m.plusMonths(1)) {
            if (t.standard(m).isEmpty()) {
                break;
            }
            months.add(m);
            sum += t.standard(m).getAsLong();
        }
        if (sum != r.amountFen()) {
            long one = t.standard(first).orElse(0);
            throw new RowRejected("金额 " + Months.yuan(r.amountFen()) + " 元不是从 " + first + " 起整月应交额（每月 "
                    + Months.yuan(one) + " 元起），请在 months 列注明月份");
        }
        return Months.text(months);
    }
}
