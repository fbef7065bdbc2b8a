package cn.xianfeng.workflow;

import cn.xianfeng.org.Org;
import cn.xianfeng.org.Orgs;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The statements behind {@link Owed}'s view: people, orgs and first tasks of a subtree, read from the read model. */
final class OwedQueries {

    static final String TASK_COLUMNS = """
            t.task_id, t.case_id, t.process_key, t.step_id, t.name, t.subject, t.created_at, t.due_at""";

    /**
     * Open, late and the oldest per person from the tallies (V99: one row per person and org, kept with the rows),
     * corrected by the rows the last roll has not caught up with: due by now but not counted late, or counted late
     * but due after now. Those rows are few by construction (a roll runs every minute) and are read from their
     * partial indexes first, then filtered by org: given the org's prefix with them, PostgreSQL took the rows
     * late-but-unmarked as a quarter of the subtree (late and marked look independent to it) and read all the
     * subtree's rows from the heap (a township's 3,472: 2.7 of 3.3 ms).
     */
    private static final String PEOPLE = """
            with tallied as (select username, sum(open) open, sum(late) late, min(oldest) oldest from owed_person_tally
                              where org_path ~>=~ ? and org_path ~<~ ? group by username),
                 unmarked as materialized (select username, org_path from owed_owner
                                            where not late_counted and due_at < ?),
                 marked as materialized (select username, org_path from owed_owner
                                          where late_counted and due_at >= ?),
                 behind as (select username, sum(n) n
                              from (select username, 1 n from unmarked where org_path ~>=~ ? and org_path ~<~ ?
                                    union all
                                    select username, -1 from marked where org_path ~>=~ ? and org_path ~<~ ?) r group by username)
            select g.username, p.name, g.open, g.overdue, g.oldest, g.people
              from (select t.username, t.open, t.late + coalesce(b.n, 0) overdue, t.oldest, count(*) over () people
                      from tallied t left join behind b on b.username = t.username
                     order by overdue desc, t.open desc, t.oldest, t.username collate "C" limit ?) g
              join person p on p.username = g.username
             order by g.overdue desc, g.open desc, g.oldest, g.username collate "C"
            """;

    /**
     * Open and late tasks per org of the subtree from the org tally, corrected as for people (the uncaught rows read
     * from their partial indexes first: a generic plan otherwise read the subtree's tasks, 1.3 instead of 0.2 ms).
     */
    private static final String ORGS = """
            with unmarked as materialized (select org_path from owed_task where not late_counted and due_at < ?),
                 marked as materialized (select org_path from owed_task where late_counted and due_at >= ?)
            select t.org_path, t.open, t.late + coalesce(b.n, 0) overdue
              from owed_org_tally t
              left join (select org_path, sum(n) n
                           from (select org_path, 1 n from unmarked where org_path ~>=~ ? and org_path ~<~ ?
                                 union all
                                 select org_path, -1 from marked where org_path ~>=~ ? and org_path ~<~ ?) r
                          group by org_path) b
                on b.org_path = t.org_path
             where t.org_path ~>=~ ? and t.org_path ~<~ ?
            """;

    private final JdbcClient jdbc;
    private final Orgs orgs;

    OwedQueries(JdbcClient jdbc, Orgs orgs) {
        this.jdbc = jdbc;
        this.orgs = orgs;
    }

    /** The subtree's open and overdue tasks, in all and per child org, from one pass over its tasks. */
    record Counts(long open, long overdue, List<Owed.OrgOwes> children) {

        Owed.Totals totals(long people) {
            return new Owed.Totals(open, overdue, people);
        }
    }

    /** The first {@code limit} people in the view's order, and how many owe something in all. */
    record Ranked(List<Owed.PersonOwes> people, long count) {
    }

    Ranked people(Subtree subtree, Instant now, int limit) {
        long[] count = {0};
        Timestamp at = Timestamp.from(now);
        List<Owed.PersonOwes> people = jdbc.sql(PEOPLE).params(subtree.from(), subtree.until(), at, at,
                        subtree.from(), subtree.until(), subtree.from(), subtree.until(), limit)
                .query((rs, i) -> {
                    count[0] = rs.getLong("people");
                    return new Owed.PersonOwes(rs.getString("username"), rs.getString("name"), rs.getLong("open"),
                            rs.getLong("overdue"), instant(rs, "oldest"), List.of());
                })
                .list();
        return new Ranked(people, count[0]);
    }

    /** The oldest tasks of each of these people, one statement, reading at most a few index entries per person. */
    Map<String, List<Owed.OwedTask>> firstTasks(List<String> usernames, Subtree subtree, Instant now) {
        Map<String, List<Owed.OwedTask>> out = new LinkedHashMap<>();
        if (usernames.isEmpty()) {
            return out;
        }
        // each person's first tasks chosen from their owner rows alone, and only those joined to their task rows (a
        // township's two reviewers own hundreds each: joining before the limit read them all)
        jdbc.sql("select u.username, " + TASK_COLUMNS + """
                  from unnest(?::varchar[]) with ordinality u (username, n)
                 cross join lateral (select o.task_id, o.created_at from owed_owner o
                                      where o.username = u.username
                                        and o.org_path ~>=~ ? and o.org_path ~<~ ?
                                      order by o.created_at, o.task_id collate "C" limit ?) o
                  join owed_task t on t.task_id = o.task_id
                 order by u.n, o.created_at, o.task_id collate "C\"""")
                .params(usernames.toArray(String[]::new), subtree.from(), subtree.until(), Owed.TASKS_PER_PERSON)
                .query(rs -> {
                    out.computeIfAbsent(rs.getString("username"), k -> new ArrayList<>()).add(task(rs, now));
                });
        return out;
    }

    /** Grouped by the segment of the task's org path just below the org's own ('' for the org itself). */
    Counts counts(Org org, Subtree subtree, Instant now) {
        Map<String, long[]> bySegment = new HashMap<>();
        // one tally row per org of the subtree (a few thousand at a county root), summed per child here
        Timestamp at = Timestamp.from(now);
        jdbc.sql(ORGS)
                .params(at, at, subtree.from(), subtree.until(), subtree.from(), subtree.until(),
                        subtree.from(), subtree.until())
                .query(rs -> {
                    String rest = rs.getString(1).substring(org.path().length());
                    int slash = rest.indexOf('/');
                    long[] c = bySegment.computeIfAbsent(slash < 0 ? rest : rest.substring(0, slash), k -> new long[2]);
                    c[0] += rs.getLong(2);
                    c[1] += rs.getLong(3);
                });
        List<Owed.OrgOwes> children = orgs.children(org.code()).stream().map(child -> {
            String segment = child.path().startsWith(org.path())
                    ? withoutTrailingSlashes(child.path().substring(org.path().length())) : child.code();
            long[] c = bySegment.getOrDefault(segment, new long[2]);
            return new Owed.OrgOwes(child.code(), child.name(), c[0], c[1]);
        }).toList();
        // each task has one org path, so the groups add up to the subtree's totals
        return new Counts(bySegment.values().stream().mapToLong(c -> c[0]).sum(),
                bySegment.values().stream().mapToLong(c -> c[1]).sum(), children);
    }

    private static String withoutTrailingSlashes(String segment) {
        int end = segment.length();
        while (end > 0 && segment.charAt(end - 1) == '/') {
            end--;
        }
        return segment.substring(0, end);
    }

    static Owed.OwedTask task(ResultSet rs, Instant now) throws SQLException {
        Instant dueAt = instant(rs, "due_at");
        return new Owed.OwedTask(rs.getString("task_id"), rs.getString("case_id"), rs.getString("process_key"),
                rs.getString("step_id"), rs.getString("name"), rs.getString("subject"),
                instant(rs, "created_at"), dueAt, dueAt != null && now.isAfter(dueAt));
    }

    /**
     * A {@code timestamp} column read as getTimestamp reads it (local time of the JVM's zone), without the Calendar
     * the driver builds for every getTimestamp: 7 % of a township's request CPU for its 250 tasks.
     */
    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.time.LocalDateTime local = rs.getObject(column, java.time.LocalDateTime.class);
        return local == null ? null : local.atZone(java.time.ZoneId.systemDefault()).toInstant();
    }
}
