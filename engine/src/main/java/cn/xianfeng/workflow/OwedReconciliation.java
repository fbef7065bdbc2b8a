package cn.xianfeng.workflow;

import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.Refusal;
import cn.xianfeng.org.People;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * Compares the 谁欠谁 read model (and its sibling, the 待办 rows) with who owes each open task by Flowable's runtime tables — the query
 * {@link Owed} ran over {@code act_ru_*} before the read model existed, kept here as the reference — and
 * recomputes the tasks that differ. Run nightly ({@code OwedReconciliationJob}), on demand by the system
 * administrator, and after data is loaded behind the engine's back (the bench).
 */
@Service
public class OwedReconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(OwedReconciliation.class);

    /** One row per (open task, person who owes it): the assignee, else candidate users, else candidate roles' holders. */
    public static final String REFERENCE = """
            select t.id_ task_id, t.name_ name, t.task_def_key_ step_id, t.proc_inst_id_ case_id,
                   t.create_time_ created_at, t.due_date_ due_at, c.subject, c.process_key, c.org_path, o.username
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
              join person p on p.username = o.username""";

    /**
     * One row per (open task, person whose 待办 lists it) as {@code todo_entry} holds it (V93's {@code todo_refresh}):
     * the assignee, the owner (委派), and while unassigned the candidate users and candidate roles' holders.
     */
    public static final String TODO_REFERENCE = """
            select o.username, t.id_ task_id, t.proc_inst_id_ case_id, split_part(t.proc_def_id_, ':', 1) process_key,
                   case when t.category_ = 'co-sign' then t.description_ else t.task_def_key_ end step_id,
                   t.name_ name, t.assignee_ assignee, case when t.delegation_ = 'PENDING' then t.owner_ end delegated_by,
                   array(select coalesce(l.group_id_, l.user_id_) from act_ru_identitylink l
                          where l.task_id_ = t.id_ and l.type_ = 'candidate' order by 1)::text[] candidates,
                   coalesce(t.category_ = 'co-sign', false) co_sign, c.subject, c.org_code,
                   t.create_time_ created_at, t.due_date_ due_at
              from act_ru_task t
              left join case_record c on c.id = t.proc_inst_id_
              join lateral (
                    select t.assignee_ username where t.assignee_ is not null
                    union
                    select t.owner_ where t.owner_ is not null
                    union
                    select l.user_id_ from act_ru_identitylink l
                     where l.task_id_ = t.id_ and l.type_ = 'candidate' and l.user_id_ is not null and t.assignee_ is null
                    union
                    select r.username from act_ru_identitylink l
                      join role_assignment r on l.group_id_ = r.role || '@' || r.org_code
                     where l.task_id_ = t.id_ and l.type_ = 'candidate' and t.assignee_ is null
                   ) o on true""";

    private static final String TODO_COLUMNS = """
            username, task_id, case_id, process_key, step_id, name, assignee, delegated_by, candidates, co_sign,
            subject, org_code, created_at, due_at""";

    /** (kind, task id) for each row of the models that differs from the reference, either way. */
    private static final String DIFFERENCES = "with ref as (" + REFERENCE + "), ref_todo as (" + TODO_REFERENCE + """
            ),
            ref_task as (select distinct task_id, case_id, process_key, step_id, name, subject, org_path, created_at, due_at
                           from ref),
            model_task as (select task_id, case_id, process_key, step_id, name, subject, org_path, created_at, due_at
                             from owed_task),
            ref_owner as (select task_id, username, org_path, created_at, due_at from ref),
            model_owner as (select task_id, username, org_path, created_at, due_at from owed_owner)
            select 'missing' kind, task_id from (select * from ref_owner except select * from model_owner) a
            union all
            select 'extra', task_id from (select * from model_owner except select * from ref_owner) b
            union all
            select distinct 'task', task_id from ((select * from ref_task except select * from model_task)
                                                  union all (select * from model_task except select * from ref_task)) c
            union all
            select distinct 'todo', task_id from ((select""" + " " + TODO_COLUMNS + " from ref_todo except select " + TODO_COLUMNS
            + " from todo_entry) union all (select " + TODO_COLUMNS + " from todo_entry except select " + TODO_COLUMNS
            + " from ref_todo)) d";

    private final JdbcClient jdbc;
    private final People people;

    /** Repairs of at least this many tasks refresh the read model's planner statistics. */
    static final int ANALYZE_AFTER = 1_000;

    private final java.time.Clock clock;

    OwedReconciliation(JdbcClient jdbc, People people, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.people = people;
        this.clock = clock;
    }

    /** On demand: the system administrator (the bootstrap superuser) only, like the other global operations. */
    @Transactional
    public Result reconcile(String actor) {
        if (!people.get(actor).administers()) {
            throw new ForbiddenException(Refusal.of("owed.reconcileAdminOnly"));
        }
        return reconcile();
    }

    /**
     * What differed: (task, person) rows the model lacked or had wrongly, tasks whose own row (step, subject,
     * org, times) differed, and tasks whose 待办 rows differed; {@code tasks} are the tasks concerned (repaired by
     * {@link #reconcile()}). A task changing while this runs may count once without being wrong.
     */
    public record Result(long missingRows, long extraRows, long differingTasks, List<String> tasks, long differingTodos,
                         long differingTallies) {

        public boolean clean() {
            return tasks.isEmpty() && differingTallies == 0;
        }
    }

    /** Tally rows (V99) that differ from the read model's rows they count, either way. */
    private static final String TALLY_DIFFERENCES = """
            with person as (select username, org_path, count(*)::int open, count(*) filter (where late_counted)::int late,
                                   min(created_at) oldest from owed_owner group by username, org_path),
                 org as (select org_path, count(*)::int open, count(*) filter (where late_counted)::int late
                           from owed_task group by org_path)
            select (select count(*) from ((select * from person except select * from owed_person_tally)
                                          union all (select * from owed_person_tally except select * from person)) a)
                 + (select count(*) from ((select * from org except select * from owed_org_tally)
                                          union all (select * from owed_org_tally except select * from org)) b)""";

    private record Difference(String kind, String taskId) {
    }

    /** Compares only: what differs between the read model and the reference now. */
    @Transactional(readOnly = true)
    public Result check() {
        return compare();
    }

    /** Compares, then recomputes every task that differs and the tallies if they differ (in one transaction). */
    @Transactional
    public Result reconcile() {
        Result result = compare();
        if (!result.tasks().isEmpty()) {
            jdbc.sql("select owed_refresh(?::varchar[])").param(result.tasks().toArray(String[]::new))
                    .query((rs, i) -> 1).list();
            if (result.tasks().size() >= ANALYZE_AFTER) {
                // a fill or a large repair leaves the planner's row counts at the empty tables' (one row): it then
                // sorts 130k owner rows on disk instead of hashing them, until autovacuum's next analyze
                jdbc.sql("analyze owed_task, owed_owner, todo_entry").update();
            }
            LOG.warn("谁欠谁 read model: repaired {} task(s) ({} missing, {} extra (task, person) rows, {} task rows differed,"
                            + " {} tasks' 待办 rows differed)", result.tasks().size(), result.missingRows(), result.extraRows(),
                    result.differingTasks(), result.differingTodos());
        }
        // the row repair above moves the tallies with the rows, so the comparison made before it still holds
        if (result.differingTallies() > 0) {
            recountTallies(result.differingTallies());
        }
        return result;
    }

    /**
     * Moves the rows whose due time passed by the clock's now into the tallies' late counts (and back, after the clock
     * moved back); returns how many rows it moved. Gives way after 100 ms waiting for a tally row a step holds.
     */
    @Transactional
    public int roll() {
        jdbc.sql("set local lock_timeout = '100ms'").update();
        return jdbc.sql("select owed_roll(?)").param(java.sql.Timestamp.from(clock.instant())).query(Integer.class).single();
    }

    private long tallyDifferences() {
        return jdbc.sql(TALLY_DIFFERENCES).query(Long.class).single();
    }

    /**
     * Counts the tallies again from the rows. The lock waits for the transactions whose triggers are changing them and
     * holds new ones back until this commits; they then add their own rows' changes to counts made without them.
     */
    private void recountTallies(long differing) {
        jdbc.sql("lock table owed_person_tally, owed_org_tally in share row exclusive mode").update();
        jdbc.sql("delete from owed_person_tally").update();
        jdbc.sql("delete from owed_org_tally").update();
        jdbc.sql("""
                insert into owed_person_tally (username, org_path, open, late, oldest)
                select username, org_path, count(*), count(*) filter (where late_counted), min(created_at)
                  from owed_owner group by username, org_path""").update();
        jdbc.sql("""
                insert into owed_org_tally (org_path, open, late)
                select org_path, count(*), count(*) filter (where late_counted) from owed_task group by org_path""").update();
        LOG.warn("谁欠谁 read model: counted the tallies again ({} tally rows differed)", differing);
    }

    private Result compare() {
        List<Difference> differences = jdbc.sql(DIFFERENCES)
                .query((rs, i) -> new Difference(rs.getString(1), rs.getString(2))).list();
        List<String> tasks = differences.stream().map(Difference::taskId).distinct().toList();
        return new Result(count(differences, "missing"), count(differences, "extra"), count(differences, "task"), tasks,
                count(differences, "todo"), tallyDifferences());
    }

    private static long count(List<Difference> differences, String kind) {
        return differences.stream().filter(d -> d.kind().equals(kind)).count();
    }
}
