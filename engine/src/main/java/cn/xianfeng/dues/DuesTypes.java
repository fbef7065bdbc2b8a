package cn.xianfeng.dues;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the dues module takes and gives. Amounts in fen; months as {@code yyyy-MM}. */
public final class DuesTypes {

    private DuesTypes() {
    }

    /** A base as submitted: every field is checked on the server (400 naming each bad field). */
    public record BaseDeclaration(String category, Long monthlyBaseFen, Long fixedFen, String from) {
    }

    /** A payment as submitted: {@code amountFen} must equal the sum of the months' standards. */
    public record NewPayment(String username, List<String> months, Long amountFen, String paidOn) {
    }

    public record Recorded(long id, String receiptCode) {
    }

    /** A declaration of a member's base; {@code status} PENDING, CONFIRMED or REJECTED. */
    public record Declaration(long id, Category category, long monthlyBaseFen, Long fixedFen, long standardFen,
                              String from, String status, String declaredBy, Instant declaredAt, String decidedBy,
                              Instant decidedAt, String reason) {
    }

    /** A ledger row: a payment, or a reversal ({@code kind} REVERSAL, negative amount) naming what it corrects. */
    public record Payment(long id, String kind, List<String> months, long amountFen, LocalDate paidOn,
                          String receiptCode, Long corrects, Long reversedBy, String reason, String source,
                          String recordedBy, Instant recordedAt) {
    }

    /**
     * A member's dues: the standard in force this month (or the first month owed, when that is later), the
     * paid-until month (the end of the unbroken run of paid months from the first month owed), the months unpaid
     * before the current month, the declarations and the ledger.
     */
    public record MemberDues(String username, String name, String orgCode, Category category, Long monthlyBaseFen,
                             Long fixedFen, Long standardFen, String from, String owingFrom, String paidUntil,
                             int arrearsMonths, long arrearsFen, List<String> unpaidMonths, String firstUnpaid,
                             boolean declaredThisYear, Declaration pending, List<Declaration> declarations,
                             List<Payment> payments) {
    }

    /** One member on a collector's or committee's list. */
    public record MemberRow(String username, String name, String orgCode, Long standardFen, String paidUntil,
                            int arrearsMonths, long arrearsFen, String firstUnpaid, boolean paidThisMonth,
                            boolean declared, boolean pending) {
    }

    /** An org's subtree for one month: members owing that month ({@code due}), those who paid it, and the rate. */
    /** A month's collection over a subtree: members owing it, those who paid it, and the rate (null when none owe). */
    public record MonthDues(String month, long due, long paid, Double rate) {
    }

    public record OrgDues(String org, String orgName, String month, long due, long paid, Double rate, long total,
                          List<MemberRow> members) {
    }

    public record MonthRate(String month, long due, long paid, Double rate) {
    }

    /** An org (of the subtree) with its rate for each month of a period. */
    public record OrgRates(String code, String name, String type, String parentCode, List<MonthRate> months) {
    }

    public record Rates(String org, String orgName, String fromMonth, String toMonth, List<OrgRates> orgs) {
    }

    /** Members of a subtree with unpaid months before the current one (谁欠谁: arrears are owed by the member). */
    public record Arrears(String username, String name, String orgCode, int arrearsMonths, long arrearsFen,
                          String firstUnpaid) {
    }

    /** The first members in arrears (most unpaid months first) and how many are in arrears in all. */
    public record ArrearsView(long total, List<Arrears> members) {
    }

    public record ImportedRow(int row, String username, List<String> months, long amountFen, long id,
                              String receiptCode) implements java.io.Serializable {
    }

    public record RejectedRow(int row, String reason) implements java.io.Serializable {
    }

    /** An import's row-by-row report; rows count from 1 after the header; a rejected row stored nothing. */
    public record ImportReport(int accepted, List<RejectedRow> rejected, List<ImportedRow> payments) implements java.io.Serializable {
    }

    /** What a run of the time rules did. */
    public record CheckResult(int casesStarted, int remindersSent) {
    }
}
