package cn.xianfeng.dues;

import java.time.LocalDate;
import java.util.List;

/** Past-tense facts the dues module publishes (each also recorded as an audit event in the same transaction). */
public final class DuesEvents {

    private DuesEvents() {
    }

    /** A payment was recorded for these months ({@code yyyy-MM}). */
    public record PaymentRecorded(long paymentId, String username, List<String> months, long amountFen,
                                  LocalDate paidOn, String receiptCode, String actor) {
    }

    /** A payment was reversed by a correction row; its months are unpaid again. */
    public record PaymentReversed(long reversalId, long paymentId, String username, List<String> months,
                                  String reason, String actor) {
    }

    /** A member was reminded of dues owed: the monthly notice or a collector's 催缴. */
    public record MemberReminded(String username, String kind, String text, String by) {
    }
}
