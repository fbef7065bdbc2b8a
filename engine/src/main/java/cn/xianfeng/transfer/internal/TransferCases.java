package cn.xianfeng.transfer.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.util.Optional;

/** The transfer module's own table: one row per transfer, with its letter and where the member goes. */
@Repository
public class TransferCases {

    private final JdbcClient jdbc;

    TransferCases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(String caseId, String member, String fromOrg, String toOrg, String toName, String moveKind,
                      String duesPaidUntil, boolean open, String letterCode, LocalDate validUntil, String targetOrg,
                      LocalDate reportedOn, LocalDate receiptOn) {
    }

    void insert(String caseId, String member, String fromOrg, String toOrg, String toName, String moveKind,
                String duesPaidUntil) {
        jdbc.sql("""
                insert into transfer_case (case_id, member, from_org, to_org, to_name, move_kind, dues_paid_until)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(caseId, member, fromOrg, toOrg, toName, moveKind, duesPaidUntil).update();
    }

    boolean hasOpen(String member) {
        return jdbc.sql("select count(*) from transfer_case where member = ? and open").param(member)
                .query(Integer.class).single() > 0;
    }

    void dues(String caseId, String paidUntil) {
        jdbc.sql("update transfer_case set dues_paid_until = ? where case_id = ?").params(paidUntil, caseId).update();
    }

    void letter(String caseId, String code, LocalDate validUntil) {
        jdbc.sql("update transfer_case set letter_code = ?, valid_until = ? where case_id = ?")
                .params(code, validUntil, caseId).update();
    }

    void target(String caseId, String orgCode) {
        jdbc.sql("update transfer_case set target_org = ? where case_id = ?").params(orgCode, caseId).update();
    }

    /** Sets one date column; the column name comes from this module's code, never from input. */
    void date(String caseId, String column, LocalDate value) {
        jdbc.sql("update transfer_case set " + column + " = ? where case_id = ?").params(value, caseId).update();
    }

    void close(String caseId) {
        jdbc.sql("update transfer_case set open = false where case_id = ?").param(caseId).update();
    }

    /** Another open case about the member, of a procedure that must end before they leave (its subject), if any. */
    Optional<String> blockingCase(String member, String exceptCaseId, java.util.Collection<String> processes) {
        if (processes.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select subject from case_record where subject_person = :member and status = 'ACTIVE'
                   and id <> :except and process_key in (:processes) order by started_at limit 1""")
                .param("member", member).param("except", exceptCaseId).param("processes", processes)
                .query(String.class).optional();
    }

    public Optional<Row> find(String caseId) {
        return jdbc.sql("select * from transfer_case where case_id = ?").param(caseId).query(TransferCases::map).optional();
    }

    private static Row map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Row(rs.getString("case_id"), rs.getString("member"), rs.getString("from_org"), rs.getString("to_org"),
                rs.getString("to_name"), rs.getString("move_kind"), rs.getString("dues_paid_until"), rs.getBoolean("open"),
                rs.getString("letter_code"), rs.getObject("valid_until", LocalDate.class), rs.getString("target_org"),
                rs.getObject("reported_on", LocalDate.class), rs.getObject("receipt_on", LocalDate.class));
    }
}
