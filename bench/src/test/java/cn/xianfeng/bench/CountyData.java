package cn.xianfeng.bench;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A county-to-prefecture data set written with set-based SQL into the real tables: the org tree (a root, its
 * townships and their branches), people with roles (a secretary and a committee member per branch, two reviewers
 * per township), open admission tasks with their candidate groups, and completed historic tasks.
 *
 * <p>Open tasks: 70% are claimable by the branch's secretaries (a tenth of those also by its committee members),
 * 20% by the township's reviewers, 10% assigned to a person of the branch; half have a due date, a third of
 * those are overdue. Historic tasks were completed by the owing branch's secretary or a township reviewer, over
 * the open cases and as many finished ones again.
 */
final class CountyData {

    record Shape(int townships, int branchesPerTownship, int people, int openTasks, int historicTasks) {
        int branches() {
            return townships * branchesPerTownship;
        }

        int orgs() {
            return 1 + townships + branches();
        }
    }

    static final String ROOT = "BC";

    private final JdbcTemplate jdbc;

    CountyData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static String township(int t) {
        return String.format("BC-T%02d", t);
    }

    /** The secretary of branch {@code b} (0-based): the first person generated in it. */
    static String secretaryOf(int b) {
        return "p" + (b + 1);
    }

    static String reviewerOf(int township) {
        return "rv" + township + "a";
    }

    static String rootViewer() {
        return "bc-orgdept";
    }

    void generate(Shape s) {
        String hash = new BCryptPasswordEncoder().encode("bench-not-for-login");
        String procDef = jdbc.queryForObject(
                "select id_ from act_re_procdef where key_ = 'admission' order by version_ desc limit 1", String.class);
        int b = s.branchesPerTownship();
        jdbc.update("insert into org_unit (code, name, type, parent_code, path) values ('BC', '基准县委', 'COMMITTEE', null, '/BC/')");
        jdbc.update("""
                insert into org_unit (code, name, type, parent_code, path)
                select 'BC-T' || lpad(t::text, 2, '0'), '基准镇党委' || t, 'COMMITTEE', 'BC', '/BC/BC-T' || lpad(t::text, 2, '0') || '/'
                  from generate_series(1, ?) t""", s.townships());
        // branch n (0-based) belongs to township n / b + 1
        jdbc.update("""
                create temporary table bench_branch as
                select n, 'BC-T' || lpad((n / ? + 1)::text, 2, '0') township,
                       'BC-T' || lpad((n / ? + 1)::text, 2, '0') || '-B' || lpad((n % ? + 1)::text, 3, '0') code
                  from generate_series(0, ? - 1) n""", b, b, b, s.branches());
        jdbc.update("create unique index on bench_branch (n)");
        jdbc.update("""
                insert into org_unit (code, name, type, parent_code, path)
                select code, '基准党支部' || n, 'BRANCH', township, '/BC/' || township || '/' || code || '/' from bench_branch""");
        jdbc.update("""
                insert into person (username, name, birth_date, org_code, status, joined_date, password_hash)
                select 'p' || i, '党员' || i, date '1960-01-01' + (i % 15000), br.code,
                       case when i % 10 = 0 then 'APPLICANT' when i % 10 = 1 then 'ACTIVIST' else 'FULL' end,
                       date '1990-07-01' + (i % 9000), ?
                  from generate_series(1, ?) i join bench_branch br on br.n = (i - 1) % ?""",
                hash, s.people() - 2 * s.townships() - 1, s.branches());
        jdbc.update("""
                insert into person (username, name, org_code, status, password_hash)
                select 'rv' || t || x, '组织员' || t || x, 'BC-T' || lpad(t::text, 2, '0'), 'FULL', ?
                  from generate_series(1, ?) t, (values ('a'), ('b')) v(x)""", hash, s.townships());
        jdbc.update("insert into person (username, name, org_code, status, password_hash) values ('bc-orgdept', '县委组织部', 'BC', 'FULL', ?)", hash);
        jdbc.update("""
                insert into role_assignment (username, role, org_code)
                select 'p' || (n + 1), 'SECRETARY', code from bench_branch
                union all
                select 'p' || (n + 1 + ?), 'BRANCH_COMMITTEE', code from bench_branch""", s.branches());
        jdbc.update("""
                insert into role_assignment (username, role, org_code)
                select 'rv' || t || x, 'COMMITTEE_REVIEWER', 'BC-T' || lpad(t::text, 2, '0')
                  from generate_series(1, ?) t, (values ('a'), ('b')) v(x)""", s.townships());
        jdbc.update("insert into role_assignment (username, role, org_code) values ('bc-orgdept', 'ORG_DEPARTMENT', 'BC')");

        // cases: the first openTasks are open (one open task each), as many again are finished
        jdbc.update("""
                create temporary table bench_case as
                select k, 'bench-c-' || k id, br.code org_code, br.township, br.n branch,
                       timestamptz '2026-01-01 09:00+08' - ((k * 7919) % 400) * interval '1 day' started
                  from generate_series(1, ? * 2) k join bench_branch br on br.n = (k - 1) % ?""",
                s.openTasks(), s.branches());
        jdbc.update("""
                insert into case_record (id, process_key, subject, org_code, org_path, starter, status, started_at, ended_at, subject_person)
                select c.id, 'admission', '发展党员 · 申请人' || k, c.org_code, '/BC/' || c.township || '/' || c.org_code || '/',
                       'p' || (c.branch + 1 + 10 * ?), case when k <= ? then 'ACTIVE' else 'COMPLETED' end, c.started,
                       case when k <= ? then null else c.started + interval '800 days' end, 'p' || (c.branch + 1 + 10 * ?)
                  from bench_case c""", s.branches(), s.openTasks(), s.openTasks(), s.branches());
        jdbc.update("""
                insert into act_hi_procinst (id_, rev_, proc_inst_id_, proc_def_id_, start_time_, end_time_, start_user_id_, tenant_id_, name_)
                select c.id, 1, c.id, ?, c.started, case when k <= ? then null else c.started + interval '800 days' end,
                       'p' || (c.branch + 1 + 10 * ?), '', '发展党员 · 申请人' || k
                  from bench_case c""", procDef, s.openTasks(), s.branches());
        // one execution per open case (the process instance), which the open task hangs on
        jdbc.update("""
                insert into act_ru_execution (id_, rev_, proc_inst_id_, root_proc_inst_id_, proc_def_id_, act_id_, is_active_,
                                              is_concurrent_, is_scope_, is_event_scope_, is_mi_root_, suspension_state_,
                                              start_time_, start_user_id_, tenant_id_, name_)
                select c.id, 1, c.id, c.id, ?, 'step' || lpad((2 + k % 24)::text, 2, '0'), true, false, true, false, false, 1,
                       c.started, 'p' || (c.branch + 1 + 10 * ?), '', '发展党员 · 申请人' || k
                  from bench_case c where k <= ?""", procDef, s.branches(), s.openTasks());
        // open tasks: kind by the round k makes over the branches, so that every branch has every kind — 0..6 secretaries (0 also committee), 7..8 township reviewers, 9 assigned
        jdbc.update("""
                insert into act_ru_task (id_, rev_, execution_id_, proc_inst_id_, proc_def_id_, name_, task_def_key_,
                                         assignee_, priority_, create_time_, due_date_, suspension_state_, tenant_id_, form_key_)
                select 'bench-t-' || k, 1, c.id, c.id, ?, '第' || (2 + k % 24) || '步', 'step' || lpad((2 + k % 24)::text, 2, '0'),
                       case when ((k - 1) / ?) % 10 = 9 then 'p' || (c.branch + 1 + 10 * ?) end, 50,
                       c.started + interval '20 days',
                       case when k % 2 = 0 then c.started + interval '20 days' + ((k % 3) * 200 + 1) * interval '1 day' end,
                       1, '', 'admission-review'
                  from bench_case c where k <= ?""", procDef, s.branches(), s.branches(), s.openTasks());
        jdbc.update("""
                insert into act_ru_identitylink (id_, rev_, group_id_, type_, task_id_)
                select 'bench-l-' || k, 1, case when ((k - 1) / ?) % 10 <= 6 then 'SECRETARY@' || c.org_code else 'COMMITTEE_REVIEWER@' || c.township end,
                       'candidate', 'bench-t-' || k
                  from bench_case c where k <= ? and ((k - 1) / ?) % 10 <> 9
                union all
                select 'bench-m-' || k, 1, 'BRANCH_COMMITTEE@' || c.org_code, 'candidate', 'bench-t-' || k
                  from bench_case c where k <= ? and ((k - 1) / ?) % 10 = 0""",
                s.branches(), s.openTasks(), s.branches(), s.openTasks(), s.branches());
        jdbc.update("""
                insert into act_hi_taskinst (id_, rev_, proc_def_id_, task_def_key_, proc_inst_id_, execution_id_, name_, assignee_,
                                             start_time_, priority_, due_date_, tenant_id_, form_key_, last_updated_time_)
                select id_, 1, proc_def_id_, task_def_key_, proc_inst_id_, execution_id_, name_, assignee_, create_time_, 50,
                       due_date_, '', form_key_, create_time_
                  from act_ru_task where id_ like 'bench-t-%'""");
        // completed: spread over all cases, each step done by the branch secretary (7 in 10) or a township reviewer
        jdbc.update("""
                insert into act_hi_taskinst (id_, rev_, proc_def_id_, task_def_key_, proc_inst_id_, execution_id_, name_, assignee_,
                                             start_time_, claim_time_, end_time_, duration_, priority_, tenant_id_, form_key_, last_updated_time_)
                select 'bench-h-' || h, 2, ?, 'step' || lpad((1 + h % 25)::text, 2, '0'), c.id, c.id, '第' || (1 + h % 25) || '步',
                       case when ((h - 1) / 7) % 10 <= 6 then 'p' || (c.branch + 1) else 'rv' || substr(c.township, 5)::int || 'a' end,
                       c.started + (h % 25) * interval '10 days', c.started + (h % 25) * interval '10 days' + interval '1 hour',
                       c.started + (h % 25) * interval '10 days' + interval '2 days', 172800000, 50, '', 'admission-review',
                       c.started + (h % 25) * interval '10 days' + interval '2 days'
                  from generate_series(1, ?) h join bench_case c on c.k = 1 + (h - 1) % (? * 2)""",
                procDef, s.historicTasks(), s.openTasks());
        jdbc.execute("analyze");
    }

    /**
     * After the 谁欠谁 read model was built from the generated tasks: its tables as a running county's are, vacuumed
     * (visibility map set, so its covering indexes serve index-only scans) and analyzed. Autovacuum would do the same
     * within minutes of the bulk load, at a moment that would fall into one timed section or another. {@code now}: the
     * reading clock's time, by which the roll counts rows late.
     */
    void readModelSettled(java.time.Instant now) {
        // the rows already due counted late in the tallies, as the minutely roll would have within a minute
        jdbc.queryForObject("select owed_roll(?)", Integer.class, java.sql.Timestamp.from(now));
        jdbc.execute("vacuum analyze owed_task, owed_owner, owed_person_tally, owed_org_tally");
    }
}
