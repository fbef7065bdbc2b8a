package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.internal.Sources.AuditRow;
import cn.xianfeng.search.internal.Sources.CaseRow;
import cn.xianfeng.search.internal.Sources.TaskRow;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the indexer derives a case's documents from — the case row, its audit trail, its tasks (Flowable's history
 * and the retention archive's) with their candidates — in one statement for a batch of cases, one row per case
 * with the trail and the tasks as JSON: the indexer's step then costs one round trip for its sources, not four.
 * The same rows as {@link Sources#casesAfter} and {@link Sources#tasksOfCases} return; of the trail
 * ({@link Sources#auditOfCases}) only what the case's document is made of: each event's text and the last sequence
 * number (the document's version). Building every event's whole row as JSON was half the statement's time.
 */
final class CaseSources {

    /** A case and everything its documents are derived from: its events' texts in order, their last seq. */
    record CaseSource(CaseRow row, List<String> texts, long version, List<TaskRow> tasks) {

        List<SearchDocument> documents() {
            return Documents.ofCase(row, texts, version, tasks);
        }
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    // the events' texts are made of their comments and form values; org, actor, times are the events' own documents'
    private static final String TRAIL = """
            (select json_agg(json_build_object('seq', e.seq, 'comment', e.comment, 'data', e.data) order by e.seq)
               from audit_event e
              where e.chain = c.id collate "C" and e.case_id = e.chain)""";

    // times as microseconds since the epoch, which cost nothing to read (parsing ISO text was a tenth of the
    // indexer's CPU); Flowable's are without zone: taken in the session's zone, as the JDBC driver does
    private static final String TASKS = micros("""
            (select json_agg(t order by t.created)
               from (select h.id_ as id, h.task_def_key_ as step, h.name_ as name, h.assignee_ as assignee,
                            us{cast(h.start_time_ as timestamptz)} as created,
                            us{cast(h.due_date_ as timestamptz)} as due,
                            us{cast(h.end_time_ as timestamptz)} as ended, h.delete_reason_ as reason,
                            (select json_agg(coalesce(l.group_id_, l.user_id_)
                                             order by coalesce(l.group_id_, l.user_id_))
                               from act_hi_identitylink l
                              where l.task_id_ = h.id_ and l.type_ = 'candidate') as candidates
                       from act_hi_taskinst h where h.proc_inst_id_ = c.id
                     union all
                     select a ->> 'id', a ->> 'stepId', a ->> 'name', a ->> 'assignee',
                            us{(a ->> 'createTime')::timestamptz}, us{(a ->> 'dueDate')::timestamptz},
                            us{(a ->> 'endTime')::timestamptz}, a ->> 'deleteReason',
                            (select json_agg(coalesce(l ->> 'groupId', l ->> 'userId')
                                             order by coalesce(l ->> 'groupId', l ->> 'userId'))
                               from jsonb_array_elements(a -> 'identityLinks') l
                              where l ->> 'type' = 'candidate')
                       from case_history_archive r, jsonb_array_elements(r.history -> 'tasks') a
                      where r.case_id = c.id) t)""");

    /** {@code us{time}} written out: the time as whole microseconds since the epoch. */
    private static String micros(String sql) {
        return sql.replaceAll("us\\{([^}]*)}", "(extract(epoch from $1) * 1000000)::bigint");
    }

    private static final String SQL = "select c.*, " + TRAIL + " as trail, " + TASKS + " as tasks"
            + " from case_record c where c.id = any(?)";

    /**
     * The events after a cursor position (as {@link Sources#auditAfter}) and, on the first event of each case, the
     * case's sources (columns prefixed {@code c_}): the indexer's read of a batch in one statement, not two. The
     * "first event" test sits inside the case row's key: as a filter of the lateral join the planner applied it
     * after the join, deriving the sources once per event rather than once per case (three times the work). The
     * cursor and the batch size are written so that the plan does not depend on them ({@link Sources#CURSOR}).
     */
    private static final String AFTER = """
            with ev as (select e.id, e.seq, e.case_id, e.org_code, o.path, e.actor, e.action, e.step_id, e.at,
                               e.comment, e.data::text as data, e.xid::text as xid, e.xid as xid8
                          from audit_event e left join org_unit o on o.code = e.org_code
                         where %s
                         order by e.xid, e.id limit %d),
                 numbered as (select ev.*, row_number() over (partition by ev.case_id order by ev.xid8, ev.id) as nth
                                from ev)
            select n.*, s.*
              from numbered n
              left join lateral (select c.id as c_id, c.process_key as c_process_key, c.subject as c_subject,
                                        c.org_code as c_org_code, c.org_path as c_org_path, c.starter as c_starter,
                                        c.status as c_status, c.started_at as c_started_at,
                                        c.ended_at as c_ended_at, """ + TRAIL + " as trail, " + TASKS + """
             as tasks
                                   from case_record c where c.id = case when n.nth = 1 then n.case_id end) s on true
             order by n.xid8, n.id""";

    /** A batch of events after a position, with the sources of the recorded cases among them, by case id. */
    record Batch(List<AuditRow> events, Map<String, CaseSource> cases) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    CaseSources(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The recorded cases among {@code ids}, by id; the others are absent. */
    Map<String, CaseSource> of(Collection<String> ids) {
        Map<String, CaseSource> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql(SQL).param(ids.toArray(String[]::new)).query(rs -> {
            CaseRow row = Sources.caseRow(rs, "");
            out.put(row.id(), source(row, rs.getString("trail"), rs.getString("tasks")));
        });
        return out;
    }

    /** The next events after {@code after} (see {@link Sources#auditAfter}) with their cases' sources. */
    Batch after(IndexingCursor.Position after, int limit, RowMapper<AuditRow> events) {
        List<AuditRow> read = new ArrayList<>();
        Map<String, CaseSource> cases = new LinkedHashMap<>();
        jdbc.sql(AFTER.formatted(Sources.CURSOR, Sources.positive(limit))).params(after.xid(), after.eventId()).query(rs -> {
            read.add(events.mapRow(rs, read.size()));
            String id = rs.getString("c_id");
            if (id != null) {
                CaseRow row = Sources.caseRow(rs, "c_");
                cases.put(id, source(row, rs.getString("trail"), rs.getString("tasks")));
            }
        });
        return new Batch(read, cases);
    }

    private CaseSource source(CaseRow row, String trail, String tasks) {
        List<String> texts = new ArrayList<>();
        long version = 0;
        for (JsonNode e : tree(trail)) {
            JsonNode data = e.get("data");
            if (data != null && !data.isNull() && !data.isObject()) {
                throw new IllegalStateException("audit data is not a JSON object");
            }
            Map<String, Object> values = data == null || data.isNull() ? Map.of() : json.convertValue(data, MAP);
            texts.add(Documents.text(string(e, "comment"), values));
            version = Math.max(version, e.get("seq").asLong());
        }
        return new CaseSource(row, texts, version, tasks(row.id(), tasks));
    }

    private List<TaskRow> tasks(String caseId, String text) {
        List<TaskRow> out = new ArrayList<>();
        for (JsonNode t : tree(text)) {
            List<String> candidates = new ArrayList<>();
            JsonNode who = t.get("candidates");
            if (who != null && who.isArray()) {
                who.forEach(w -> candidates.add(w.isNull() ? null : w.asText()));
            }
            out.add(new TaskRow(string(t, "id"), caseId, string(t, "step"), string(t, "name"), string(t, "assignee"),
                    instant(t, "created"), instant(t, "due"), instant(t, "ended"), string(t, "reason"),
                    candidates));
        }
        return out;
    }

    private JsonNode tree(String text) {
        if (text == null) {
            return json.createArrayNode();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a case's sources are not JSON", e);
        }
    }

    private static String string(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        long us = v.asLong();
        return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000L);
    }
}
