package cn.xianfeng.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the portal's database directly and lists what disagrees: for every 情况报告, Flowable's runtime and history,
 * the case record and the audit trail must tell the same story, and every action that got a 2xx must be there
 * exactly once.
 */
final class Consistency {

    /** Completed steps per engine history versus TASK_COMPLETED in the audit trail, duplicates included. */
    private static final String ENGINE_VERSUS_AUDIT = """
            with c as (select id from case_record where process_key = 'report'),
            done as (select t.proc_inst_id_ as case_id, t.id_ as task_id, t.task_def_key_ as step
                     from act_hi_taskinst t join c on c.id = t.proc_inst_id_ where t.end_time_ is not null),
            audited as (select a.case_id, a.task_id, a.step_id as step
                        from audit_event a join c on c.id = a.case_id where a.action = 'TASK_COMPLETED')
            (select 'engine without audit', * from (select * from done except all select * from audited) x)
            union all
            (select 'audit without engine', * from (select * from audited except all select * from done) y)
            """;

    /** The case record, the engine's runtime and the open task agree with the steps done. */
    private static final String CASE_STATE = """
            with c as (select id, status, ended_at from case_record where process_key = 'report'),
            s as (select c.id, c.status, c.ended_at,
                    (select count(*) from act_ru_execution e where e.proc_inst_id_ = c.id) as executions,
                    (select count(*) from act_ru_task t where t.proc_inst_id_ = c.id) as open_tasks,
                    (select min(t.task_def_key_) from act_ru_task t where t.proc_inst_id_ = c.id) as open_step,
                    (select count(*) from act_hi_taskinst h where h.proc_inst_id_ = c.id and h.end_time_ is null) as hi_open,
                    (select h.end_time_ is not null from act_hi_procinst h where h.proc_inst_id_ = c.id) as ended,
                    (select count(*) from act_hi_taskinst h where h.proc_inst_id_ = c.id and h.end_time_ is not null
                        and h.task_def_key_ = 'review') as reviews,
                    (select count(*) from act_hi_taskinst h where h.proc_inst_id_ = c.id and h.end_time_ is not null
                        and h.task_def_key_ = 'archive') as archives,
                    (select count(*) from audit_event a where a.case_id = c.id and a.action = 'CASE_STARTED') as started
                  from c)
            select * from s where not (
                started = 1 and hi_open = open_tasks and reviews <= 1 and archives <= 1 and (
                 (status = 'ACTIVE' and ended = false and executions > 0 and open_tasks = 1 and ended_at is null
                    and open_step = case when reviews = 0 then 'review' else 'archive' end and archives = 0)
                 or (status = 'COMPLETED' and ended and executions = 0 and open_tasks = 0 and reviews = 1
                    and archives = 1 and ended_at is not null)))
            """;

    private final String url;
    private final String user;
    private final String password;

    Consistency(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Cases whose engine state, case record and audit trail disagree, described. Empty when all agree. */
    List<String> halfMovedCases() throws SQLException {
        List<String> found = rows(ENGINE_VERSUS_AUDIT);
        found.addAll(rows(CASE_STATE));
        return found;
    }

    /** Completions that got a 2xx but are not done, or not audited exactly once. */
    List<String> lostCompletions(Collection<String> taskIds) throws SQLException {
        return rows("""
                select * from (select t.id,
                    (select count(*) from act_hi_taskinst h where h.id_ = t.id and h.end_time_ is not null) as done,
                    (select count(*) from audit_event a where a.action = 'TASK_COMPLETED' and a.task_id = t.id) as audited
                  from unnest(?) as t(id)) x where done <> 1 or audited <> 1""", taskIds);
    }

    /** Cases that got a 201 but have no case record or no start in the audit trail. */
    List<String> lostCases(Collection<String> caseIds) throws SQLException {
        return rows("""
                select t.id from unnest(?) as t(id) where not exists (select 1 from case_record c where c.id = t.id)
                  or (select count(*) from audit_event a where a.case_id = t.id and a.action = 'CASE_STARTED') <> 1""",
                caseIds);
    }

    /** Those of the given tasks that the engine's history shows completed. */
    Set<String> completedAmong(Collection<String> taskIds) throws SQLException {
        return new TreeSet<>(rows("""
                select t.id from unnest(?) as t(id)
                  where exists (select 1 from act_hi_taskinst h where h.id_ = t.id and h.end_time_ is not null)""",
                taskIds));
    }

    long single(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    List<String> rows(String sql) throws SQLException {
        return rows(sql, null);
    }

    private List<String> rows(String sql, Collection<String> ids) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement s = c.prepareStatement(sql)) {
            if (ids != null) {
                s.setArray(1, c.createArrayOf("text", ids.toArray()));
            }
            try (ResultSet r = s.executeQuery()) {
                collect(r, out);
            }
        }
        return out;
    }

    private static void collect(ResultSet r, List<String> out) throws SQLException {
        int columns = r.getMetaData().getColumnCount();
        while (r.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
                row.append(i > 1 ? " | " : "").append(r.getString(i));
            }
            out.add(row.toString());
        }
    }
}
