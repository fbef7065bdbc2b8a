package cn.xianfeng.dues.internal;

import cn.xianfeng.dues.DuesTypes.Payment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The ledger: payments and reversals (append-only), and the paid months derived from them. */
@Repository
public class PaymentRows {

    private final JdbcClient jdbc;

    PaymentRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A ledger row to write; {@code amountFen} negative for a reversal. */
    record NewRow(long id, String kind, String username, String branchCode, List<YearMonth> months, long amountFen,
                  LocalDate paidOn, Long corrects, String reason, String source, String receiptCode, String by,
                  Instant at) {
    }

    /** A stored row with who it belongs to, for checks before a reversal or a receipt download. */
    public record Row(long id, String kind, String username, String branchCode, List<YearMonth> months, long amountFen,
                      LocalDate paidOn, String receiptCode, boolean reversed) {
    }

    long nextId() {
        return jdbc.sql("select nextval('dues_payment_id')").query(Long.class).single();
    }

    /** Locks the member's row: payments and reversals of one member run one after the other. */
    void lockMember(String username) {
        jdbc.sql("select username from person where username = ? for update").param(username).query(String.class).list();
    }

    void insert(NewRow r) {
        jdbc.sql("""
                insert into dues_payment (id, kind, username, branch_code, months, amount_fen, paid_on, corrects, reason,
                                          source, receipt_code, recorded_by, recorded_at)
                values (?, ?, ?, ?, ?::date[], ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.kind(), r.username(), r.branchCode(), dateArray(r.months()), r.amountFen(),
                        r.paidOn(), r.corrects(), r.reason(), r.source(), r.receiptCode(), r.by(), Timestamp.from(r.at()))
                .update();
    }

    /** Marks the months paid by a payment; a month already paid fails on the primary key (DuplicateKeyException). */
    void markPaid(String username, List<YearMonth> months, long paymentId) {
        for (YearMonth m : months) {
            jdbc.sql("insert into dues_paid_month (username, month, payment_id) values (?, ?, ?)")
                    .params(username, Months.first(m), paymentId).update();
        }
    }

    void unmarkPaid(long paymentId) {
        jdbc.sql("delete from dues_paid_month where payment_id = ?").param(paymentId).update();
    }

    public Optional<Row> find(long id) {
        return jdbc.sql("""
                select p.*, exists (select 1 from dues_payment r where r.corrects = p.id) reversed
                  from dues_payment p where p.id = ?""").param(id).query(PaymentRows::row).optional();
    }

    /** Each member's paid months. */
    public Map<String, Set<YearMonth>> paid(Collection<String> usernames) {
        Map<String, Set<YearMonth>> out = new HashMap<>();
        if (usernames.isEmpty()) {
            return out;
        }
        jdbc.sql("select username, month from dues_paid_month where username = any(?)")
                .param(usernames.toArray(String[]::new))
                .query(rs -> {
                    out.computeIfAbsent(rs.getString("username"), k -> new HashSet<>())
                            .add(Months.of(rs.getObject("month", LocalDate.class)));
                });
        return out;
    }

    /** A member's ledger, newest first, each payment with the reversal that corrected it (if any). */
    public List<Payment> of(String username) {
        return jdbc.sql("""
                select p.*, r.id reversed_by from dues_payment p left join dues_payment r on r.corrects = p.id
                 where p.username = ? order by p.recorded_at desc, p.id desc""").param(username)
                .query((rs, i) -> {
                    long reversedBy = rs.getLong("reversed_by");
                    Long reversal = rs.wasNull() ? null : reversedBy;
                    long corrects = rs.getLong("corrects");
                    Long corrected = rs.wasNull() ? null : corrects;
                    return new Payment(rs.getLong("id"), rs.getString("kind"), Months.text(months(rs.getArray("months"))),
                            rs.getLong("amount_fen"), rs.getObject("paid_on", LocalDate.class), rs.getString("receipt_code"),
                            corrected, reversal, rs.getString("reason"), rs.getString("source"), rs.getString("recorded_by"),
                            rs.getTimestamp("recorded_at").toInstant());
                }).list();
    }

    /** An unreversed payment of the member on that day and amount, recorded from an import (a statement imported twice). */
    public boolean importedAlready(String username, LocalDate paidOn, long amountFen) {
        return jdbc.sql("""
                select exists (select 1 from dues_payment p where p.username = ? and p.paid_on = ? and p.amount_fen = ?
                                  and p.kind = 'PAYMENT' and p.source = 'IMPORT'
                                  and not exists (select 1 from dues_payment r where r.corrects = p.id))""")
                .params(username, paidOn, amountFen).query(Boolean.class).single();
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("kind"), rs.getString("username"), rs.getString("branch_code"),
                months(rs.getArray("months")), rs.getLong("amount_fen"), rs.getObject("paid_on", LocalDate.class),
                rs.getString("receipt_code"), rs.getBoolean("reversed"));
    }

    static List<YearMonth> months(Array array) throws SQLException {
        List<YearMonth> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            out.add(YearMonth.from(o instanceof Date d ? d.toLocalDate() : (LocalDate) o));
        }
        return out;
    }

    private static String dateArray(List<YearMonth> months) {
        return "{" + String.join(",", months.stream().map(m -> Months.first(m).toString()).toList()) + "}";
    }
}
