package cn.xianfeng.search.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The system of record as search reads it: case rows, Flowable's task history and the audit trail, read set-based.
 * A rebuild of tens of thousands of cases through each module's per-case API would cost a round trip per case;
 * these read-only queries fetch a batch at once and never write.
 */
@Component
class Sources {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final CaseSources caseSources;

    Sources(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.caseSources = new CaseSources(jdbc, json);
    }

    record CaseRow(String id, String process, String subject, String orgCode, String orgPath, String starter,
                   String status, Instant startedAt, Instant endedAt) {
    }

    /** {@code xid}: the recording transaction's id (text of an xid8), the cursor's first key. */
    record AuditRow(long id, long seq, String caseId, String orgCode, String orgPath, String actor, String action,
                    String stepId, Instant at, String comment, Map<String, Object> data, String xid) {
    }

    record TaskRow(String id, String caseId, String stepId, String name, String assignee, Instant createdAt,
                   Instant due, Instant endedAt, String deleteReason, List<String> candidates) {
    }

    long auditCount() {
        return jdbc.sql("select count(*) from audit_event").query(Long.class).single();
    }

    long caseCount() {
        return jdbc.sql("select count(*) from case_record").query(Long.class).single();
    }

    long taskCount() {
        // a case archived by retention keeps its tasks in case_history_archive, not in Flowable's history
        return jdbc.sql("select count(*) from act_hi_taskinst t join case_record c on c.id = t.proc_inst_id_")
                .query(Long.class).single()
                + jdbc.sql("select coalesce(sum(jsonb_array_length(history -> 'tasks')), 0) from case_history_archive")
                .query(Long.class).single();
    }

    private static final String AUDIT = """
            select e.id, e.seq, e.case_id, e.org_code, o.path, e.actor, e.action, e.step_id, e.at, e.comment,
                   e.data::text as data, e.xid::text as xid
              from audit_event e left join org_unit o on o.code = e.org_code""";

    /**
     * The next events after {@code after} in (xid, id) order, of transactions that have all ended: an event's xid
     * below the statement snapshot's xmin means no transaction that could still add an event before it is open,
     * so this cursor never passes an event that commits later (identity values are taken before commit).
     */
    List<AuditRow> auditAfter(IndexingCursor.Position after, int limit) {
        return jdbc.sql(AUDIT + " where " + CURSOR + " order by e.xid, e.id limit " + positive(limit))
                .params(after.xid(), after.eventId()).query(this::auditRow).list();
    }

    /**
     * The cursor's condition on {@code audit_event e}, its position the two parameters. The position is read through
     * sub-selects, so that no plan is made for it: a plan made for the very position (PostgreSQL's custom plan, which
     * sees a handful of rows after it) costs less on paper than one for any position, so it was made again for every
     * batch, and for a few rows it hashed the whole org table for their paths. With the position unseen, and the
     * batch size written into the statement, PostgreSQL settles on one plan, the one a full batch gets (index lookups).
     * In the held bench database at county scale (5,000 orgs), a prepared read of 1 event went 2.0 -> 0.3 ms, of 50
     * events 4.4 -> 2.4 ms, of 2,000 events 70 -> 76 ms.
     */
    static final String CURSOR = "(e.xid, e.id) > ((select cast(? as xid8)), (select cast(? as bigint)))"
            + " and e.xid < pg_snapshot_xmin(pg_current_snapshot())";

    /** A batch size written into a statement: a positive int, so nothing but digits. */
    static int positive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a batch holds at least one event, not " + limit);
        }
        return limit;
    }

    /**
     * As {@link #auditAfter}, with the sources of the recorded cases among the events read in the same statement:
     * the indexer's batch in one round trip.
     */
    CaseSources.Batch auditAfterWithCases(IndexingCursor.Position after, int limit) {
        return caseSources.after(after, limit, this::auditRow);
    }

    /** For a rebuild: events that belong to no case record (events without a case, or of a case not recorded). */
    List<AuditRow> auditWithoutCaseAfterId(long afterId, int limit) {
        return jdbc.sql(AUDIT + " where e.id > ? and not exists (select 1 from case_record c where c.id = e.case_id)"
                + " order by e.id limit ?").params(afterId, limit).query(this::auditRow).list();
    }

    List<AuditRow> auditByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(AUDIT + " where e.id = any(?) order by e.id").param(ids.toArray(Long[]::new))
                .query(this::auditRow).list();
    }

    List<AuditRow> auditOfCases(Collection<String> caseIds) {
        // a case's events form the chain named by its id: the chain's unique index finds them
        return jdbc.sql(AUDIT + " where e.chain = any(?) and e.case_id = e.chain order by e.chain, e.seq")
                .param(caseIds.toArray(String[]::new)).query(this::auditRow).list();
    }

    /** The recorded cases among {@code ids} with their trails and tasks, in one statement (see {@link CaseSources}). */
    Map<String, CaseSources.CaseSource> casesWithSources(Collection<String> ids) {
        return caseSources.of(ids);
    }

    List<CaseRow> casesAfter(String afterId, int limit) {
        return jdbc.sql("select * from case_record where id > ? order by id limit ?").params(afterId, limit)
                .query(Sources::caseRow).list();
    }

    /**
     * The tasks of these cases, open and done, with the groups and people each is offered to (Flowable keeps a
     * task's candidate links in history with the task's id only, not the process instance's).
     */
    List<TaskRow> tasksOfCases(Collection<String> caseIds) {
        String[] ids = caseIds.toArray(String[]::new);
        // each task's candidates gathered beside it: read apart, they took a second pass over the cases' tasks (a
        // third of PostgreSQL's time in a rebuild)
        return jdbc.sql("""
                select t.id_, t.proc_inst_id_, t.task_def_key_, t.name_, t.assignee_, t.start_time_, t.due_date_,
                       t.end_time_, t.delete_reason_,
                       array(select coalesce(l.group_id_, l.user_id_) who from act_hi_identitylink l
                              where l.task_id_ = t.id_ and l.type_ = 'candidate' order by who) candidates
                  from act_hi_taskinst t where t.proc_inst_id_ = any(?)
                union all
                select t ->> 'id', a.case_id, t ->> 'stepId', t ->> 'name', t ->> 'assignee',
                       (t ->> 'createTime')::timestamptz, (t ->> 'dueDate')::timestamptz, (t ->> 'endTime')::timestamptz,
                       t ->> 'deleteReason',
                       array(select coalesce(l ->> 'groupId', l ->> 'userId') who
                               from jsonb_array_elements(t -> 'identityLinks') l
                              where l ->> 'type' = 'candidate' order by who)
                  from case_history_archive a, jsonb_array_elements(a.history -> 'tasks') t where a.case_id = any(?)
                 order by 2, 6""")
                .params(ids, ids)
                .query((rs, i) -> new TaskRow(rs.getString("id_"), rs.getString("proc_inst_id_"),
                        rs.getString("task_def_key_"), rs.getString("name_"), rs.getString("assignee_"),
                        instant(rs, "start_time_"), instant(rs, "due_date_"), instant(rs, "end_time_"),
                        rs.getString("delete_reason_"), candidates(rs.getArray("candidates"))))
                .list();
    }

    private static List<String> candidates(java.sql.Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private AuditRow auditRow(ResultSet rs, int i) throws SQLException {
        return new AuditRow(rs.getLong("id"), rs.getLong("seq"), rs.getString("case_id"), rs.getString("org_code"),
                rs.getString("path"), rs.getString("actor"), rs.getString("action"), rs.getString("step_id"),
                instant(rs, "at"), rs.getString("comment"), data(rs.getString("data")), rs.getString("xid"));
    }

    static CaseRow caseRow(ResultSet rs, int i) throws SQLException {
        return caseRow(rs, "");
    }

    /** A case row from columns named with {@code prefix}. */
    static CaseRow caseRow(ResultSet rs, String prefix) throws SQLException {
        return new CaseRow(rs.getString(prefix + "id"), rs.getString(prefix + "process_key"),
                rs.getString(prefix + "subject"), rs.getString(prefix + "org_code"), rs.getString(prefix + "org_path"),
                rs.getString(prefix + "starter"), rs.getString(prefix + "status"), instant(rs, prefix + "started_at"),
                instant(rs, prefix + "ended_at"));
    }

    private Map<String, Object> data(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            Map<String, Object> data = json.readValue(text, MAP);
            return data == null ? Map.of() : data;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit data is not a JSON object", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
