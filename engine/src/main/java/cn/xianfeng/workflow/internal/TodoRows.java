package cn.xianfeng.workflow.internal;

import cn.xianfeng.common.Page;
import cn.xianfeng.workflow.WorkflowTypes.TaskItem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A person's 待办 from its read model ({@code todo_entry}, V93, kept in each task's transaction with the 谁欠谁
 * model): the page and the total from one statement (a window count), co-signers looked up in the same statement.
 */
@Repository
public class TodoRows {

    /** The filters of the list, already validated; null fields do not narrow. */
    public record Query(String viewer, String like, String process, List<String> orgCodes, Instant dueBefore,
                        String sort) {
    }

    private final JdbcClient jdbc;

    TodoRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Page<TaskItem> page(Query q, Instant now, int first, int size) {
        Map<String, Object> params = new HashMap<>();
        String where = where(q, params);
        params.put("size", size);
        params.put("first", first);
        long[] total = {-1};
        List<TaskItem> items = jdbc.sql("""
                select e.*, exists (select from task_signer s
                                     where s.task_id = e.task_id and s.state in ('WAITING', 'OPEN')) signing,
                       count(*) over () total
                  from todo_entry e""" + " where " + where + " order by " + order(q.sort()) + " limit :size offset :first")
                .params(params)
                .query((rs, i) -> {
                    total[0] = rs.getLong("total");
                    return item(rs, now);
                }).list();
        if (total[0] < 0) {
            // a page past the end has no row to carry the count
            total[0] = first == 0 ? 0
                    : jdbc.sql("select count(*) from todo_entry e where " + where).params(params).query(Long.class).single();
        }
        return new Page<>(items, total[0]);
    }

    private static String where(Query q, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("e.username = :viewer");
        params.put("viewer", q.viewer());
        if (q.like() != null) {
            // as Flowable's taskNameLikeIgnoreCase / processVariableValueLikeIgnoreCase("subject") did
            where.append(" and (lower(e.name) like lower(:like) or lower(e.subject) like lower(:like))");
            params.put("like", q.like());
        }
        if (q.process() != null) {
            where.append(" and e.process_key = :process");
            params.put("process", q.process());
        }
        if (q.orgCodes() != null) {
            where.append(" and e.org_code = any (:orgs)");
            params.put("orgs", q.orgCodes().toArray(String[]::new));
        }
        if (q.dueBefore() != null) {
            where.append(" and e.due_at < :dueBefore");
            params.put("dueBefore", Timestamp.from(q.dueBefore()));
        }
        return where.toString();
    }

    /** The orders the list offers; the task id breaks ties so that pages neither repeat nor skip a task. */
    private static String order(String sort) {
        return switch (sort == null ? "" : sort) {
            case "due" -> "e.due_at asc, e.created_at asc, e.task_id collate \"C\"";
            case "oldest" -> "e.created_at asc, e.task_id collate \"C\"";
            case "name" -> "e.name asc, e.task_id collate \"C\"";
            default -> "e.created_at desc, e.task_id collate \"C\"";
        };
    }

    private static TaskItem item(ResultSet rs, Instant now) throws SQLException {
        Timestamp dueAt = rs.getTimestamp("due_at");
        Instant due = dueAt == null ? null : dueAt.toInstant();
        Array array = rs.getArray("candidates");
        List<String> candidates = new ArrayList<>(Arrays.asList((String[]) array.getArray()));
        candidates.sort(null); // as TaskItems sorts them
        return new TaskItem(rs.getString("task_id"), rs.getString("case_id"), rs.getString("process_key"),
                rs.getString("step_id"), rs.getString("name"), rs.getString("assignee"), List.copyOf(candidates),
                rs.getTimestamp("created_at").toInstant(), due, due != null && now.isAfter(due),
                rs.getString("subject"), null, rs.getString("delegated_by"), rs.getBoolean("co_sign"),
                rs.getBoolean("signing"));
    }
}
