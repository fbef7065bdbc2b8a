package cn.xianfeng.workflow;

import cn.xianfeng.cluster.Generations;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.common.Refusal;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.Orgs;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 谁欠谁: for an org's subtree, who owes which open task — the assignee, or everyone who may claim it (candidate
 * users and the holders of its candidate roles) — with counts, overdue counts and the oldest wait, per person and
 * per child org. Reads the read model {@code owed_task}/{@code owed_owner} (kept in each task's transaction, see
 * {@code OwedUpdates}) with aggregate SQL, so the answer is bounded whatever the subtree's size: the
 * {@value #TOP_PEOPLE} people who owe most (overdue, then open, then the oldest wait), each with their
 * {@value #TASKS_PER_PERSON} oldest tasks; the rest of a person's tasks come page by page from {@link #tasks}.
 */
@Service
public class Owed {

    public static final int TOP_PEOPLE = 50;
    public static final int TASKS_PER_PERSON = 5;
    public static final int MAX_PAGE = 100;

    /**
     * Open tasks of a subtree above which the people statement is planned for it: at a county's 100,000 the planner,
     * seeing the range, aggregates by hashing (30 ms) where the generic plan sorts (40 ms); below, planning costs more
     * than it saves.
     */
    static final int CUSTOM_PLANS_ABOVE = 20_000;

    private final JdbcClient jdbc;
    private final Orgs orgs;
    private final OrgAuthority authority;
    private final Clock clock;
    private final int customPlansAbove;
    private final Generations generations;
    private final OwedQueries queries;

    @org.springframework.beans.factory.annotation.Autowired
    Owed(JdbcClient jdbc, Orgs orgs, OrgAuthority authority, Clock clock, Generations generations) {
        this(jdbc, orgs, authority, clock, generations, CUSTOM_PLANS_ABOVE);
    }

    /** With another threshold for custom plans (tests: the same answers either way). */
    Owed(JdbcClient jdbc, Orgs orgs, OrgAuthority authority, Clock clock, Generations generations,
         int customPlansAbove) {
        this.customPlansAbove = customPlansAbove;
        this.generations = generations;
        this.queries = new OwedQueries(jdbc, orgs);
        this.jdbc = jdbc;
        this.orgs = orgs;
        this.authority = authority;
        this.clock = clock;
    }

    /** {@code people}: how many people owe something in the subtree (the view lists the first {@value #TOP_PEOPLE}). */
    public record Totals(long open, long overdue, long people) {
    }

    public record OwedTask(String id, String caseId, String process, String stepId, String name, String subject,
                           Instant createdAt, Instant due, boolean overdue) {

        public OwedTask in(java.util.Locale locale) {
            return new OwedTask(id, caseId, process, stepId, ProcessNames.in(name, locale), subject, createdAt, due,
                    overdue);
        }
    }

    /** {@code tasks}: the oldest of the person's {@code open} tasks (all of them only when few; see {@link #tasks}). */
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

    /** One page of the tasks a person owes in the subtree, oldest first; {@code total} counts them all. */
    public record TaskPage(String username, List<OwedTask> items, long total, int page, int size) {

        public TaskPage in(java.util.Locale locale) {
            return new TaskPage(username, items.stream().map(t -> t.in(locale)).toList(), total, page, size);
        }
    }

    @Transactional(readOnly = true)
    public View of(String orgCode, String viewer) {
        // planned once, not per call: planning the people and orgs statements took 1.2 ms of a township's request
        genericPlans();
        Org org = readable(orgCode, viewer);
        Instant now = clock.instant();
        Subtree subtree = Subtree.of(org.path());
        OwedQueries.Counts counts = queries.counts(org, subtree, now);
        if (counts.open() > customPlansAbove) {
            customPlans();
        }
        OwedQueries.Ranked top = queries.people(subtree, now, TOP_PEOPLE);
        Map<String, List<OwedTask>> tasks = queries.firstTasks(top.people().stream().map(PersonOwes::username).toList(),
                subtree, now);
        cachedPlans();
        List<PersonOwes> people = top.people().stream().map(p -> new PersonOwes(p.username(), p.name(), p.open(),
                p.overdue(), p.oldestSince(), tasks.getOrDefault(p.username(), List.of()))).toList();
        return new View(org.code(), org.name(), counts.totals(top.count()), people, counts.children());
    }

    /** A page of the tasks {@code username} owes in the org's subtree (size 1 to {@value #MAX_PAGE}). */
    @Transactional(readOnly = true)
    public TaskPage tasks(String orgCode, String username, String viewer, int page, int size) {
        Org org = readable(orgCode, viewer);
        customPlans();
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw InvalidInputException.of("size", Refusal.of("dues.pageSize", String.valueOf(MAX_PAGE)));
        }
        Instant now = clock.instant();
        String like = Orgs.likePrefix(org.path());
        long total = jdbc.sql("select count(*) from owed_owner where username = ? and org_path like ?")
                .params(username, like).query(Long.class).single();
        List<OwedTask> items = jdbc.sql("select " + OwedQueries.TASK_COLUMNS + """
                         from owed_owner o join owed_task t on t.task_id = o.task_id
                        where o.username = ? and o.org_path like ?
                        order by o.created_at, o.task_id collate "C" limit ? offset ?""")
                .params(username, like, size, (long) page * size).query((rs, i) -> OwedQueries.task(rs, now)).list();
        cachedPlans();
        return new TaskPage(username, items, total, page, size);
    }

    /**
     * Everything for an export, bounded: the people in the view's order (at most {@code maxRows}) and their tasks,
     * at most {@code maxRows} (task, person) rows in all; {@code open} still counts every task of a person.
     */
    @Transactional(readOnly = true)
    public View export(String orgCode, String viewer, int maxRows) {
        Org org = readable(orgCode, viewer);
        customPlans();
        Instant now = clock.instant();
        String like = Orgs.likePrefix(org.path());
        Subtree subtree = Subtree.of(org.path());
        OwedQueries.Ranked ranked = queries.people(subtree, now, maxRows);
        Map<String, List<OwedTask>> tasks = new HashMap<>();
        jdbc.sql("""
                with ranked as (
                    select username, row_number() over (order by count(*) filter (where due_at < ?) desc, count(*) desc,
                                                                 min(created_at), username collate "C") rk
                      from owed_owner where org_path like ? group by username)
                select o.username, """ + OwedQueries.TASK_COLUMNS + """
                   from ranked r
                  join owed_owner o on o.username = r.username and o.org_path like ?
                  join owed_task t on t.task_id = o.task_id
                 order by r.rk, o.created_at, o.task_id collate "C" limit ?""")
                .params(Timestamp.from(now), like, like, maxRows)
                .query(rs -> {
                    tasks.computeIfAbsent(rs.getString("username"), k -> new ArrayList<>()).add(OwedQueries.task(rs, now));
                });
        List<PersonOwes> people = ranked.people().stream().map(p -> new PersonOwes(p.username(), p.name(), p.open(),
                p.overdue(), p.oldestSince(), tasks.getOrDefault(p.username(), List.of()))).toList();
        OwedQueries.Counts counts = queries.counts(org, subtree, now);
        cachedPlans();
        return new View(org.code(), org.name(), counts.totals(ranked.count()), people, counts.children());
    }

    /**
     * Plans made for this call's org prefix: after five calls PostgreSQL may keep a generic plan for {@code org_path
     * like ?}, which cannot know that a township's prefix selects a twentieth of the rows and reads them all (a
     * township's people 19 ms instead of 2.6 ms at county scale).
     */
    private void customPlans() {
        jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
    }

    /**
     * Plans that do not depend on the org: the statements of {@link #of} read the subtree as a range of paths. The
     * same statement reads the cache generations that the org and authority lookups would read next.
     */
    private void genericPlans() {
        generations.seen(jdbc.sql("select set_config('plan_cache_mode', 'force_generic_plan', true), "
                + Generations.READ).query((rs, i) -> rs.getString(2)).single());
    }

    /**
     * Back to cached plans for what the transaction reads next (the dues line of 谁欠谁, the authority checks): planned
     * anew on every call they took 2.9 ms of a township's request, more than they took to run.
     */
    private void cachedPlans() {
        jdbc.sql("set local plan_cache_mode to default").update();
    }

    private Org readable(String orgCode, String viewer) {
        Org org = orgs.find(orgCode).orElseThrow(() -> new NotFoundException(Refusal.of("common.orgNotFound", orgCode)));
        if (!authority.mayRead(viewer, orgCode)) {
            throw new NotFoundException(Refusal.of("common.orgNotFound", orgCode));
        }
        return org;
    }
}
