package cn.xianfeng.complaint.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The complaint table and the contact table kept apart from it. */
@Component
public class ComplaintRows {

    private final JdbcClient jdbc;

    ComplaintRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(String caseId, String trackingHint, String category, String title, String dispatchOrg,
                      String routeOrgType, Integer timeLimitDays, String handlerOrg, List<String> coOrgs,
                      boolean overridden, Instant receivedAt, Instant dispatchedAt, Instant respondDue,
                      Instant respondedAt, Instant handlingDue, Instant handledAt, Boolean resolved, String reply,
                      Instant repliedAt, String rating, Instant evaluatedAt, int dissatisfiedCount,
                      boolean respondEscalated, boolean handleEscalated, boolean escalated, Instant closedAt) {
    }

    public record ContactRow(boolean anonymous, String name, String phone) {
    }

    void insert(String caseId, String category, String title, String dispatchOrg, String routeOrgType,
                Integer timeLimitDays, Instant receivedAt) {
        jdbc.sql("""
                insert into complaint (case_id, category, title, dispatch_org, route_org_type, time_limit_days,
                                       received_at) values (?, ?, ?, ?, ?, ?, ?)""")
                .params(caseId, category, title, dispatchOrg, routeOrgType, timeLimitDays, Timestamp.from(receivedAt))
                .update();
    }

    /** Gives the complaint its tracking code (kept as a hash and a hint); returns the code, once. */
    public String issueTrackingCode(String caseId) {
        String code = TrackingCodes.next();
        jdbc.sql("update complaint set tracking_hash = ?, tracking_hint = ? where case_id = ?")
                .params(TrackingCodes.hash(code), TrackingCodes.hint(code), caseId).update();
        return code;
    }

    public record Decoy(String category, String title, Instant receivedAt) {
    }

    /** A code for a caught bot: it follows like a complaint waiting for dispatch. Returns the code. */
    public String issueDecoy(String category, String title, Instant at) {
        String code = TrackingCodes.next();
        jdbc.sql("insert into complaint_decoy (tracking_hash, category, title, received_at) values (?, ?, ?, ?)")
                .params(TrackingCodes.hash(code), clip(category, 40, "OTHER"), clip(title, 200, "—"), Timestamp.from(at))
                .update();
        jdbc.sql("delete from complaint_decoy where received_at < ?").param(Timestamp.from(at.minus(java.time.Duration.ofDays(90))))
                .update();
        return code;
    }

    public Optional<Decoy> decoy(String code) {
        return jdbc.sql("select category, title, received_at from complaint_decoy where tracking_hash = ?")
                .param(TrackingCodes.hash(code))
                .query((rs, n) -> new Decoy(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant())).optional();
    }

    private static String clip(String s, int max, String blank) {
        String clean = s == null ? "" : s.replaceAll("\\p{Cntrl}", "").strip();
        return clean.isEmpty() ? blank : clean.length() > max ? clean.substring(0, max) : clean;
    }

    public void insertContact(String caseId, boolean anonymous, String name, String phone) {
        jdbc.sql("insert into complaint_contact (case_id, anonymous, name, phone) values (?, ?, ?, ?)")
                .params(caseId, anonymous, name, phone).update();
    }

    void dispatched(String caseId, String handlerOrg, String handlerPath, List<String> coOrgs, boolean overridden,
                    Instant at, Instant respondDue, Instant handlingDue) {
        jdbc.sql("""
                update complaint set handler_org = ?, handler_path = ?, co_orgs = ?, overridden = ?, dispatched_at = ?,
                                     respond_due = ?, handling_due = ? where case_id = ?""")
                .params(handlerOrg, handlerPath, String.join(",", coOrgs), overridden, Timestamp.from(at),
                        Timestamp.from(respondDue), Timestamp.from(handlingDue), caseId).update();
    }

    void update(String caseId, String assignments, Object... params) {
        Object[] all = Arrays.copyOf(params, params.length + 1);
        all[params.length] = caseId;
        for (int i = 0; i < all.length; i++) {
            if (all[i] instanceof Instant instant) {
                all[i] = Timestamp.from(instant);
            }
        }
        jdbc.sql("update complaint set " + assignments + " where case_id = ?").params(all).update();
    }

    public Optional<Row> find(String caseId) {
        return jdbc.sql("select * from complaint where case_id = ?").param(caseId).query(ComplaintRows::map).optional();
    }

    public Optional<Row> byTrackingCode(String code) {
        return jdbc.sql("select * from complaint where tracking_hash = ?").param(TrackingCodes.hash(code))
                .query(ComplaintRows::map).optional();
    }

    public Optional<ContactRow> contact(String caseId) {
        return jdbc.sql("select anonymous, name, phone from complaint_contact where case_id = ?").param(caseId)
                .query((rs, n) -> new ContactRow(rs.getBoolean("anonymous"), rs.getString("name"), rs.getString("phone")))
                .optional();
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        String co = rs.getString("co_orgs");
        return new Row(rs.getString("case_id"), rs.getString("tracking_hint"), rs.getString("category"),
                rs.getString("title"), rs.getString("dispatch_org"), rs.getString("route_org_type"),
                (Integer) rs.getObject("time_limit_days"), rs.getString("handler_org"),
                co == null || co.isEmpty() ? List.of() : List.of(co.split(",")), rs.getBoolean("overridden"),
                at(rs, "received_at"), at(rs, "dispatched_at"), at(rs, "respond_due"), at(rs, "responded_at"),
                at(rs, "handling_due"), at(rs, "handled_at"), (Boolean) rs.getObject("resolved"), rs.getString("reply"),
                at(rs, "replied_at"), rs.getString("rating"), at(rs, "evaluated_at"), rs.getInt("dissatisfied_count"),
                rs.getBoolean("respond_escalated"), rs.getBoolean("handle_escalated"), rs.getBoolean("escalated"),
                at(rs, "closed_at"));
    }

    private static Instant at(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
