package cn.xianfeng.bench;

import cn.xianfeng.admission.Admissions;
import cn.xianfeng.dues.DuesCollection;
import cn.xianfeng.workflow.Owed;
import cn.xianfeng.workflow.OwedReconciliation;
import cn.xianfeng.workflow.TaskLists;
import cn.xianfeng.workflow.WorkflowTypes.TaskFilter;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

/** 待办, 谁欠谁 and 我的入党进度 at county-to-prefecture scale, timed through the real service methods. */
final class WhoOwes {

    private final TaskLists lists;
    private final Owed owed;
    private final Admissions admissions;
    private final JdbcTemplate jdbc;
    private final OwedReconciliation reconciliation;
    private final DuesCollection dues;
    private final java.time.Clock clock;

    WhoOwes(ApplicationContext ctx) {
        reconciliation = ctx.getBean(OwedReconciliation.class);
        lists = ctx.getBean(TaskLists.class);
        owed = ctx.getBean(Owed.class);
        admissions = ctx.getBean(Admissions.class);
        jdbc = ctx.getBean(JdbcTemplate.class);
        dues = ctx.getBean(DuesCollection.class);
        clock = ctx.getBean(java.time.Clock.class);
    }

    void run(CountyData.Shape shape, String applicant, int runs, Report report) {
        long t = System.nanoTime();
        new CountyData(jdbc).generate(shape);
        double generated = (System.nanoTime() - t) / 1e9;
        // the data set is written behind the engine's back: the 谁欠谁 read model is built from it like a nightly repair
        long r = System.nanoTime();
        var rebuilt = reconciliation.reconcile();
        new CountyData(jdbc).readModelSettled(clock.instant());
        report.fact("who-owes read model", String.format("built from act_ru_* by the reconciliation in %.1f s "
                + "(%,d tasks, %,d (task, person) rows), then vacuumed and analyzed as autovacuum would", (System.nanoTime() - r) / 1e9, rebuilt.tasks().size(),
                rebuilt.missingRows()));
        report.fact("data set", String.format("%,d orgs, %,d people, %,d open tasks, %,d completed historic tasks "
                        + "(generated with set-based SQL in %.0f s)", count("org_unit"), count("person"),
                count("act_ru_task"), countFinished(), generated));
        Random random = new Random(7);
        TaskFilter todo = new TaskFilter("todo", null, null, null, null, null);
        String s = "2 who owes what";

        Stats secretary = measure(runs, i -> {
            String who = CountyData.secretaryOf(random.nextInt(shape.branches()));
            if (lists.list(todo, who, 0, 20).total() == 0) {
                throw new IllegalStateException(who + " owes nothing");
            }
        });
        Stats township = measure(Math.max(10, runs / 3), i -> {
            int tw = 1 + random.nextInt(shape.townships());
            if (owed.of(CountyData.township(tw), CountyData.reviewerOf(tw)).totals().open() == 0) {
                throw new IllegalStateException("township " + tw + " owes nothing");
            }
        });
        Stats root = measure(Math.max(5, runs / 15), i -> owed.of(CountyData.ROOT, CountyData.rootViewer()));
        // /api/owed adds the dues line: this month's collection and the members most months behind
        Stats townshipDues = measure(Math.max(10, runs / 3), i -> {
            int tw = 1 + random.nextInt(shape.townships());
            dues(CountyData.township(tw), CountyData.reviewerOf(tw));
        });
        Stats rootDues = measure(Math.max(5, runs / 15), i -> dues(CountyData.ROOT, CountyData.rootViewer()));
        Stats progress = applicant == null ? null : measure(runs, i -> admissions.mine(applicant));
        row(report, s, "todo list of a branch secretary (待办), p", secretary);
        row(report, s, "who owes what, township committee (in process), p", township);
        row(report, s, "who owes what, county root (in process), p", root);
        row(report, s, "dues line of 谁欠谁 (this month, 50 most behind), township (in process), p", townshipDues);
        row(report, s, "dues line of 谁欠谁, county root (in process), p", rootDues);
        if (progress != null) {
            row(report, s, "applicant's progress (我的入党进度), p", progress);
        }

        report.fact("who owes what, county root: JSON size", String.format("%,d bytes (the view as Jackson writes it)",
                json(owed.of(CountyData.ROOT, CountyData.rootViewer())).length));
        explainSlowest(report, () -> owed.of(CountyData.ROOT, CountyData.rootViewer()), "who owes what, county root");
        explainSlowest(report, () -> dues(CountyData.township(1), CountyData.reviewerOf(1)), "dues line of 谁欠谁, township");
        explainSlowest(report, () -> dues(CountyData.ROOT, CountyData.rootViewer()), "dues line of 谁欠谁, county root");
        explainSlowest(report, () -> lists.list(todo, CountyData.secretaryOf(0), 0, 20), "todo list of a branch secretary");
    }

    private void dues(String org, String viewer) {
        dues.thisMonth(org, viewer);
        dues.arrears(org, viewer, 50);
    }

    /** In-process timings: informational (the targets for 谁欠谁 are over HTTP, section 3). */
    private static void row(Report report, String section, String measure, Stats stats) {
        report.add(section, measure + "50", stats.p50(), "ms");
        report.add(section, measure + "95", stats.p95(), "ms");
        report.add(section, measure + "99", stats.p99(), "ms");
    }

    private static Stats measure(int runs, IntConsumer call) {
        int[] i = {0};
        return Stats.time(Math.max(3, runs / 10), runs, () -> call.accept(i[0]++));
    }

    /** EXPLAIN ANALYZE of the slowest statement one call of {@code action} executes. */
    private void explainSlowest(Report report, Runnable action, String what) {
        action.run();
        SqlCounter.Statement slowest = SqlCounter.capture(action).stream()
                .max(Comparator.comparingLong(SqlCounter.Statement::millis)).orElseThrow();
        List<String> plan = jdbc.query("explain (analyze, buffers) " + slowest.sql(),
                ps -> {
                    for (int i = 0; i < slowest.parameters().size(); i++) {
                        ps.setObject(i + 1, slowest.parameters().get(i));
                    }
                }, (rs, n) -> rs.getString(1));
        report.note("EXPLAIN ANALYZE: " + what + " (slowest statement, " + slowest.millis() + " ms)",
                "```sql\n" + slowest.sql().strip().replaceAll("\\n\\s*\n", "\n") + "\n```\nparameters: " + slowest.parameters()
                        + "\n\n```\n" + String.join("\n", plan) + "\n```");
    }

    private static byte[] json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                    .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .writeValueAsBytes(value); // as the portal writes it: times as ISO text
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private long countFinished() {
        return jdbc.queryForObject("select count(*) from act_hi_taskinst where end_time_ is not null", Long.class);
    }
}
