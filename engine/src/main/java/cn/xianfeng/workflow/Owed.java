package cn.xianfeng.workflow;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.Orgs;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 谁欠谁: for an org's subtree, who owes which open task — the assignee, or everyone who may claim it (candidate
 * users and the holders of its candidate roles) — with counts, overdue counts and the oldest wait, per person and
 * per child org. One query; the application adds no query per task.
 */
@Service
public class Owed {

    private static final String QUERY = """
            select t.id_ task_id, t.name_ task_name, t.task_def_key_ step_id, t.proc_inst_id_ case_id,
                   t.create_time_ created, t.due_date_ due, c.subject, c.process_key, c.org_path, o.username, p.name
              from act_ru_task t
              join case_record c on c.id = t.proc_inst_id_
              join lateral (
                    select t.assignee_ username where t.assignee_ is not null
                    union
                    select l.user_id_ from act_ru_identitylink l
                     where l.task_id_ = t.id_ and l.type_ = 'candidate' and l.user_id_ is not null and t.assignee_ is null
                    union
                    select r.username from act_ru_identitylink l
                      join role_assignment r on l.group_id_ = r.role || '@' || r.org_code
                     where l.task_id_ = t.id_ and l.type_ = 'candidate' and t.assignee_ is null
                   ) o on true
              join person p on p.username = o.username
             where c.org_path like ?""";

    private final JdbcClient jdbc;
    private final Orgs orgs;
    private final OrgAuthority authority;
    private final Clock clock;

    Owed(JdbcClient jdbc, Orgs orgs, OrgAuthority authority, Clock clock) {
        this.jdbc = jdbc;
        this.orgs = orgs;
        this.authority = authority;
        this.clock = clock;
    }

    public record Totals(long open, long overdue) {
    }

    public record OwedTask(String id, String caseId, String process, String stepId, String name, String subject,
                           Instant createdAt, Instant due, boolean overdue) {

        public OwedTask in(java.util.Locale locale) {
            return new OwedTask(id, caseId, process, stepId, ProcessNames.in(name, locale), subject, createdAt, due,
                    overdue);
        }
    }

    public record PersonOwes(String username, String name, long open, long overdue, Instant oldestSince,
                             List<OwedTask> tasks) {

        public PersonOwes in(java.util.Locale locale) {
            return new PersonOwes(username, name, open, overdue, oldestSince,
                    tasks.stream().map(t -> t.in(locale)).toList());
        }
    }

    public record OrgOwes(String code, String name, long open, long overdue) {
    }

    public record View(String org, String orgName, Totals totals, List<PersonOwes> people, List<OrgOwes> orgs) {

        /** Step names in the reader's language. */
        public View in(java.util.Locale locale) {
            return new View(org, orgName, totals, people.stream().map(p -> p.in(locale)).toList(), orgs);
        }
    }

    private record Row(OwedTask task, String orgPath, String username, String name) {
    }

    public View of(String orgCode, String viewer) {
        Org org = orgs.find(orgCode).orElseThrow(() -> new NotFoundException(Refusal.of("common.orgNotFound", orgCode)));
        if (!authority.mayRead(viewer, orgCode)) {
            throw new NotFoundException(Refusal.of("common.orgNotFound", orgCode));
        }
        Instant now = clock.instant();
        List<Row> rows = jdbc.sql(QUERY).param(Orgs.likePrefix(org.path())).query((rs, i) -> {
            Timestamp due = rs.getTimestamp("due");
            Instant dueAt = due == null ? null : due.toInstant();
            return new Row(new OwedTask(rs.getString("task_id"), rs.getString("case_id"), rs.getString("process_key"),
                    rs.getString("step_id"), rs.getString("task_name"), rs.getString("subject"),
                    rs.getTimestamp("created").toInstant(), dueAt, dueAt != null && now.isAfter(dueAt)),
                    rs.getString("org_path"), rs.getString("username"), rs.getString("name"));
        }).list();

        Map<String, List<Row>> byPerson = new LinkedHashMap<>();
        rows.forEach(r -> byPerson.computeIfAbsent(r.username(), k -> new ArrayList<>()).add(r));
        List<PersonOwes> people = byPerson.values().stream().map(list -> {
            List<OwedTask> tasks = list.stream().map(Row::task).sorted(Comparator.comparing(OwedTask::createdAt)).toList();
            return new PersonOwes(list.get(0).username(), list.get(0).name(), tasks.size(),
                    tasks.stream().filter(OwedTask::overdue).count(), tasks.get(0).createdAt(), tasks);
        }).sorted(Comparator.comparingLong(PersonOwes::overdue).reversed()
                .thenComparing(Comparator.comparingLong(PersonOwes::open).reversed())
                .thenComparing(PersonOwes::oldestSince)).toList();

        List<OrgOwes> children = orgs.children(orgCode).stream()
                .map(child -> totals(rows, child.path(), child.code(), child.name())).toList();
        OrgOwes all = totals(rows, org.path(), org.code(), org.name());
        return new View(org.code(), org.name(), new Totals(all.open(), all.overdue()), people, children);
    }

    private static OrgOwes totals(List<Row> rows, String path, String code, String name) {
        Set<String> open = new HashSet<>();
        Set<String> overdue = new HashSet<>();
        rows.stream().filter(r -> r.orgPath().startsWith(path)).forEach(r -> {
            open.add(r.task().id());
            if (r.task().overdue()) {
                overdue.add(r.task().id());
            }
        });
        return new OrgOwes(code, name, open.size(), overdue.size());
    }
}
