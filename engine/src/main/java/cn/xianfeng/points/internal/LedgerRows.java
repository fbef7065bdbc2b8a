package cn.xianfeng.points.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ledger's rows, the derivation's cursor, and the audit events it reads. */
@Component
class LedgerRows {

    /** An effective ledger value (the highest id of its key). */
    record Row(long id, String kind, long eventId, String subjectKind, String subject, String item, String rule,
               String category, int points, Integer cap, Instant at, YearMonth period, String caseId, int version) {

        String key() {
            return Keys.of(eventId, subjectKind, subject, item);
        }
    }

    record Position(String xid, long eventId) {
    }

    static final String REVOKED = "revoked";

    private static final String EFFECTIVE = """
            select * from (select distinct on (event_id, subject_kind, subject, item) id, kind, event_id, subject_kind,
                                  subject, item, rule, category, points, monthly_cap, at, period, case_id, table_version
                             from points_entry %s
                            order by event_id, subject_kind, subject, item, id desc) e
             where rule <> 'revoked' %s""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    LedgerRows(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Locks the cursor for this transaction; empty while another node's pass or a rebuild holds it. */
    Optional<Position> lockCursor(boolean wait) {
        return jdbc.sql("select xid::text, event_id from points_cursor where name = 'derive' for update"
                        + (wait ? "" : " skip locked"))
                .query((rs, i) -> new Position(rs.getString(1), rs.getLong(2))).optional();
    }

    void moveCursor(Position to) {
        jdbc.sql("update points_cursor set xid = cast(? as xid8), event_id = ? where name = 'derive'")
                .params(to.xid(), to.eventId()).update();
    }

    String horizon() {
        return jdbc.sql("select pg_snapshot_xmax(pg_current_snapshot())::text").query(String.class).single();
    }

    boolean passed(String horizon) {
        return jdbc.sql("""
                        select pg_snapshot_xmin(pg_current_snapshot()) >= cast(:h as xid8)
                           and not exists (select 1 from audit_event e, points_cursor c
                                            where c.name = 'derive' and (e.xid, e.id) > (c.xid, c.event_id)
                                              and e.xid < cast(:h as xid8))""")
                .param("h", horizon).query(Boolean.class).single();
    }

    /** The next events after {@code after} in (xid, id) order, of transactions that have all ended (see V50). */
    List<TrailEvent> eventsAfter(Position after, int limit) {
        return jdbc.sql("""
                        select id, xid::text, seq, at, actor, org_code, action, case_id, task_id, step_id,
                               case when action in (:actions) then data::text end as data
                          from audit_event
                         where (xid, id) > (cast(:xid as xid8), :id) and xid < pg_snapshot_xmin(pg_current_snapshot())
                         order by xid, id limit :limit""")
                .param("actions", Derivation.ACTIONS).param("xid", after.xid()).param("id", after.eventId())
                .param("limit", limit).query(this::event).list();
    }

    /** For a rebuild: the events of the kinds that earn, by id. */
    List<TrailEvent> earningEventsAfterId(long afterId, int limit) {
        return jdbc.sql("""
                        select id, xid::text, seq, at, actor, org_code, action, case_id, task_id, step_id, data::text as data
                          from audit_event where id > :id and action in (:actions) order by id limit :limit""")
                .param("actions", Derivation.ACTIONS).param("id", afterId).param("limit", limit)
                .query(this::event).list();
    }

    private TrailEvent event(ResultSet rs, int i) throws SQLException {
        String data = rs.getString("data");
        Map<String, Object> values;
        try {
            values = data == null ? Map.of() : json.readValue(data, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("audit event " + rs.getLong("id") + " has unreadable data", e);
        }
        return new TrailEvent(rs.getLong("id"), rs.getString(2), rs.getLong("seq"), rs.getTimestamp("at").toInstant(),
                rs.getString("actor"), rs.getString("org_code"), rs.getString("action"), rs.getString("case_id"),
                rs.getString("task_id"), rs.getString("step_id"), values);
    }

    /** Appends a derived entry unless its key has one already; true when appended. */
    boolean insertEntry(RuleTable.Priced p, Instant now) {
        return insert("ENTRY", p, null, now) == 1;
    }

    void insertCorrection(RuleTable.Priced p, long corrects, Instant now) {
        insert("CORRECTION", p, corrects, now);
    }

    /** A correction that withdraws a value the trail no longer gives. */
    void insertRevocation(Row r, Instant now) {
        jdbc.sql("""
                        insert into points_entry (kind, event_id, subject_kind, subject, item, rule, category, points,
                                                  monthly_cap, at, period, case_id, table_version, corrects, recorded_at)
                        values ('CORRECTION', ?, ?, ?, ?, 'revoked', ?, 0, null, ?, ?, ?, ?, ?, ?)""")
                .params(r.eventId(), r.subjectKind(), r.subject(), r.item(), r.category(), Timestamp.from(r.at()),
                        r.period().atDay(1), r.caseId(), r.version(), r.id(), Timestamp.from(now)).update();
    }

    private int insert(String kind, RuleTable.Priced p, Long corrects, Instant now) {
        Earned e = p.earned();
        return jdbc.sql("""
                        insert into points_entry (kind, event_id, subject_kind, subject, item, rule, category, points,
                                                  monthly_cap, at, period, case_id, table_version, corrects, recorded_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (event_id, subject_kind, subject, item) where kind = 'ENTRY' do nothing""")
                .params(kind, e.eventId(), e.subjectKind(), e.subject(), e.item(), p.rule(), p.category(), p.points(),
                        p.cap(), Timestamp.from(e.at()), e.period().atDay(1), e.caseId(), p.version(), corrects,
                        Timestamp.from(now)).update();
    }

    /** Every effective value (for a rebuild's comparison). */
    List<Row> allEffective() {
        return jdbc.sql(EFFECTIVE.formatted("", "")).query(this::row).list();
    }

    /** The subjects' effective values counting for months of {@code year}. */
    List<Row> effective(String subjectKind, Collection<String> subjects, int year) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(EFFECTIVE.formatted("where subject_kind = :kind and subject in (:subjects)",
                        "and period >= :from and period < :to"))
                .param("kind", subjectKind).param("subjects", subjects).param("from", LocalDate.of(year, 1, 1))
                .param("to", LocalDate.of(year + 1, 1, 1)).query(this::row).list();
    }

    /** The last row of a key, whichever its kind. */
    long lastId(long eventId, String subjectKind, String subject, String item) {
        return jdbc.sql("""
                        select max(id) from points_entry
                         where event_id = ? and subject_kind = ? and subject = ? and item = ?""")
                .params(eventId, subjectKind, subject, item).query(Long.class).single();
    }

    private Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("kind"), rs.getLong("event_id"), rs.getString("subject_kind"),
                rs.getString("subject"), rs.getString("item"), rs.getString("rule"), rs.getString("category"),
                rs.getInt("points"), (Integer) rs.getObject("monthly_cap"), rs.getTimestamp("at").toInstant(),
                YearMonth.from(rs.getDate("period").toLocalDate()), rs.getString("case_id"), rs.getInt("table_version"));
    }
}
