package cn.xianfeng.bench;

import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.workflow.CaseStatus;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.EngineTime;
import cn.xianfeng.workflow.OwedReconciliation;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import cn.xianfeng.workflow.internal.OwedUpdates;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.springframework.context.ApplicationContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Admission cases through all 25 steps twice over, on the same database and in one run: through the engine's
 * services (authorization, form validation, rules, audit, event publication) and through raw Flowable
 * {@code TaskService.complete} with exactly the variables the engine set at that step. Engine and raw steps
 * alternate (which goes first alternates too); only the completions are timed.
 */
final class EnginePath {

    record Result(String dossierCase, String progressApplicant, int engineCases, double rawStepsPerSecond) {
    }

    private BenchPostgres pg;
    private BenchPostgres.Counters serverBefore;
    private SqlCounter.Totals clientBefore;
    private long sideBefore;

    /** Cross-checks the client-side counts with the server's over the section. */
    EnginePath serverSide(BenchPostgres pg) {
        this.pg = pg;
        return this;
    }

    private final Cases cases;
    private final Tasks tasks;
    private final People people;
    private final Orgs orgs;
    private final Attachments attachments;
    private final EngineTime time;
    private final Clock clock;
    private final RuntimeService runtime;
    private final TaskService taskService;

    private final Settle settle;
    /** Ours, not Flowable's: detached while a raw step runs, so that raw Flowable pays nothing of our layer. */
    private final OwedUpdates owedUpdates;
    private final OwedReconciliation reconciliation;
    private long engineNanos;
    private long rawNanos;
    private long engineSql;
    private long rawSql;
    private long engineAll;
    private long rawAll;
    private long engineCommits;
    private long rawCommits;
    private long engineCpu;
    private long rawCpu;
    /** The calling thread's own CPU inside the timed call: the rest of its wall time is waiting (PostgreSQL). */
    private long engineThreadCpu;
    private long rawThreadCpu;
    private long steps;

    EnginePath(ApplicationContext ctx, Settle settle) {
        this.settle = settle;
        cases = ctx.getBean(Cases.class);
        tasks = ctx.getBean(Tasks.class);
        people = ctx.getBean(People.class);
        orgs = ctx.getBean(Orgs.class);
        attachments = ctx.getBean(Attachments.class);
        time = ctx.getBean(EngineTime.class);
        clock = ctx.getBean(Clock.class);
        runtime = ctx.getBean(RuntimeService.class);
        taskService = ctx.getBean(TaskService.class);
        owedUpdates = ctx.getBean(OwedUpdates.class);
        reconciliation = ctx.getBean(OwedReconciliation.class);
    }

    /** {@code pairs} engine + raw cases; the first {@code warmup} pairs warm the JIT up and are not counted. */
    Result run(int pairs, int warmup, Report report) {
        AdmissionSteps.createBranch(orgs, people);
        if (pg != null) {
            serverBefore = pg.counters();
        }
        clientBefore = SqlCounter.totals();
        sideBefore = BenchPostgres.SIDE_TRANSACTIONS.get();
        int born = LocalDate.now(clock).getYear() - 25;
        List<String> applicants = new ArrayList<>();
        List<String> engine = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        for (int i = 0; i <= pairs; i++) {
            String applicant = "ea" + i;
            AdmissionSteps.person(people, applicant, "申请人" + i, "K-T-B1", MemberStatus.APPLICANT, born);
            applicants.add(applicant);
            String caseId = cases.start(new StartCase("admission", null, Map.of()), applicant, Locale.SIMPLIFIED_CHINESE).id();
            engine.add(caseId);
            if (i < pairs) {
                raw.add(runtime.startProcessInstanceByKey("admission", runtime.getVariables(caseId)).getId());
            }
        }
        // the last engine case stops at step12: the applicant's progress view is measured on a case under way
        int stopAt = 12;
        for (int n = 1; n <= 25; n++) {
            String step = String.format("step%02d", n);
            if (n == 7 || n == 22) {
                advanceAYear();
            }
            if (n == 25) {
                attachScans(engine.get(0));
            }
            for (int i = 0; i <= pairs; i++) {
                if (i == pairs) {
                    if (n < stopAt) {
                        engineStep(engine.get(i), step, applicants.get(i), false);
                    }
                    continue;
                }
                boolean counted = i >= warmup;
                if (i % 2 == 0) {
                    Map<String, Object> set = engineStep(engine.get(i), step, applicants.get(i), counted);
                    rawStep(raw.get(i), step, set, counted);
                } else {
                    // raw first: it takes the variables that the previous pair's engine case set at this step
                    // (same step, same clock, so the same values; only attachment ids differ)
                    rawStep(raw.get(i), step, lastSet, counted);
                    engineStep(engine.get(i), step, applicants.get(i), counted);
                }
            }
        }
        BenchPostgres.Counters server = null;
        long side = 0;
        if (serverBefore != null) {
            sleepQuietly(1200); // backends report xact_commit at most every 500 ms, when idle
            side = BenchPostgres.SIDE_TRANSACTIONS.get() - sideBefore;
            server = pg.counters().minus(serverBefore);
        }
        SqlCounter.Totals client = SqlCounter.totals().minus(clientBefore);
        // the raw cases' rows in the read models were left as they were by the detached listener: repaired, untimed
        reconciliation.reconcile();
        long unfinished = engine.subList(0, pairs).stream()
                .filter(id -> cases.view(id, "admin").status() != CaseStatus.COMPLETED).count()
                + raw.stream().filter(id -> runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0).count();
        double engineRate = steps / (engineNanos / 1e9);
        double rawRate = steps / (rawNanos / 1e9);
        String s = "1 engine path";
        report.add(s, "engine path, steps/s (single thread)", engineRate, "steps/s");
        report.add(s, "raw Flowable, steps/s (single thread)", rawRate, "steps/s");
        report.target(Report.ENGINE_RATIO, s, "engine ÷ raw Flowable, steps/s", engineRate / rawRate, "×", 0.8, true);
        report.target(Report.ENGINE_STATEMENTS, s, "engine path, SQL statements per step, all threads",
                (double) engineAll / steps, "stmts", 37.0, false);
        report.add(s, "raw Flowable, SQL statements per step, all threads", (double) rawAll / steps, "stmts");
        report.add(s, "engine path, SQL statements per step, calling thread", (double) engineSql / steps, "stmts");
        report.add(s, "raw Flowable, SQL statements per step, calling thread", (double) rawSql / steps, "stmts");
        report.add(s, "engine path, commits per step, all threads", (double) engineCommits / steps, "commits");
        report.add(s, "raw Flowable, commits per step, all threads", (double) rawCommits / steps, "commits");
        report.add(s, "engine path, bench JVM CPU per step (all threads, after-commit work included)",
                engineCpu / 1e6 / steps, "ms");
        report.add(s, "raw Flowable, bench JVM CPU per step (all threads)", rawCpu / 1e6 / steps, "ms");
        report.add(s, "engine path, wall time per step (the call)", engineNanos / 1e6 / steps, "ms");
        report.add(s, "raw Flowable, wall time per step (the call)", rawNanos / 1e6 / steps, "ms");
        report.add(s, "engine path, calling thread CPU per step (the call; the rest of its wall time it waits)",
                engineThreadCpu / 1e6 / steps, "ms");
        report.add(s, "raw Flowable, calling thread CPU per step (the call; the rest of its wall time it waits)",
                rawThreadCpu / 1e6 / steps, "ms");
        double[] engineJdbc = StepProfile.callingJdbcMillis("engine", steps);
        double[] rawJdbc = StepProfile.callingJdbcMillis("raw", steps);
        report.add(s, "engine path, calling thread time inside JDBC per step: statements", engineJdbc[0], "ms");
        report.add(s, "raw Flowable, calling thread time inside JDBC per step: statements", rawJdbc[0], "ms");
        report.add(s, "engine path, calling thread time inside JDBC per step: commits", engineJdbc[1], "ms");
        report.add(s, "raw Flowable, calling thread time inside JDBC per step: commits", rawJdbc[1], "ms");
        report.atMost(s, "cases not completed", unfinished, "cases", 0);
        report.note("1 engine path: statements and commits per step by thread kind", "Tallied over the timed steps, "
                + "from the call until its after-commit work is drained (the same windows as the per-step rows above); "
                + "a commit is a `Connection.commit()` or an auto-commit statement.\n\n" + StepProfile.kindTable(steps));
        report.note("1 engine path: the after-commit work's statements (engine side, threads other than the calling one)",
                StepProfile.afterCommitTop("engine", steps, 20));
        report.note("1 engine path: the calling thread's statements, engine against raw Flowable",
                "Per step, largest difference first (statement text cut at 120 characters).\n\n"
                        + StepProfile.callingDifference(steps, 30));
        report.fact("engine path", String.format("%d timed case pairs × 25 steps (%d steps per side) after %d warm-up "
                        + "pairs; after-commit work drained before and after every step (mean wait per drain %.1f ms); raw Flowable runs "
                        + "with our read models' engine listener detached (the engine's configuration, shared, stays)", pairs - warmup, steps,
                warmup, settle.meanWaitMillis()));
        if (server != null) {
            report.fact("engine path, counted by the server", String.format("over the whole section (both sides, the "
                            + "bench's own lookups, warm-up) PostgreSQL executed %,d top-level statements "
                            + "(pg_stat_statements, utility statements apart), began %,d explicit transactions and "
                            + "committed %,d transactions in all (pg_stat_database.xact_commit, less the bench's %,d probe "
                            + "transactions on side connections); the DataSource proxy counted %,d statements and %,d "
                            + "commits (explicit and auto-commit) on all threads", server.statements(),
                    server.transactions(), server.xactCommit() - side, side, client.statements(), client.commits()));
        }
        return new Result(engine.get(0), applicants.get(pairs), pairs, rawRate);
    }

    private Map<String, Object> lastSet = Map.of();

    /** Completes the engine case's step as its owner; returns the variables the completion set or changed. */
    private Map<String, Object> engineStep(String caseId, String step, String applicant, boolean counted) {
        String taskId = taskOf(caseId, step);
        String scan = AdmissionSteps.takesAttachment(step) ? scan(applicant) : null;
        Map<String, Object> data = AdmissionSteps.data(step, applicant, LocalDate.now(clock), scan);
        Map<String, Object> before = runtime.getVariables(caseId);
        String owner = AdmissionSteps.owner(step, applicant);
        settle.await(Duration.ofMinutes(2), 2);
        StepProfile.side(counted ? "engine" : null);
        SqlCounter.Totals all = SqlCounter.totals();
        long cpu = processCpu();
        long threadCpu = THREADS.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        long sql = SqlCounter.count(() -> tasks.complete(taskId, data, null, owner, Locale.SIMPLIFIED_CHINESE));
        long took = System.nanoTime() - t;
        threadCpu = THREADS.getCurrentThreadCpuTime() - threadCpu;
        settle.await(Duration.ofMinutes(2), 2);
        SqlCounter.Totals done = SqlCounter.totals().minus(all);
        StepProfile.side(null);
        if (counted) {
            engineNanos += took;
            engineSql += sql;
            engineAll += done.statements();
            engineCommits += done.commits();
            engineCpu += processCpu() - cpu;
            engineThreadCpu += threadCpu;
            steps++;
        }
        // the last step ends the case: its variables are then the data itself
        Map<String, Object> after = new HashMap<>(before);
        if (runtime.createProcessInstanceQuery().processInstanceId(caseId).count() > 0) {
            after.putAll(runtime.getVariables(caseId));
        } else {
            after.putAll(data);
        }
        Map<String, Object> set = new HashMap<>();
        after.forEach((k, v) -> {
            if (!Objects.equals(v, before.get(k))) {
                set.put(k, v);
            }
        });
        lastSet = set;
        return set;
    }

    private void rawStep(String caseId, String step, Map<String, Object> variables, boolean counted) {
        String taskId = taskOf(caseId, step);
        // (outside the counted window: adding and removing a listener are engine commands, each with a transaction)
        runtime.removeEventListener(owedUpdates);
        try {
            rawStepAlone(taskId, variables, counted);
        } finally {
            runtime.addEventListener(owedUpdates);
        }
    }

    private void rawStepAlone(String taskId, Map<String, Object> variables, boolean counted) {
        settle.await(Duration.ofMinutes(2), 2);
        StepProfile.side(counted ? "raw" : null);
        SqlCounter.Totals all = SqlCounter.totals();
        long cpu = processCpu();
        long threadCpu = THREADS.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        long sql = SqlCounter.count(() -> taskService.complete(taskId, variables));
        long took = System.nanoTime() - t;
        threadCpu = THREADS.getCurrentThreadCpuTime() - threadCpu;
        settle.await(Duration.ofMinutes(2), 2);
        SqlCounter.Totals done = SqlCounter.totals().minus(all);
        StepProfile.side(null);
        if (counted) {
            rawNanos += took;
            rawSql += sql;
            rawAll += done.statements();
            rawCommits += done.commits();
            rawCpu += processCpu() - cpu;
            rawThreadCpu += threadCpu;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** CPU time of the whole bench JVM (every thread), in nanoseconds. */
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private String taskOf(String caseId, String step) {
        var task = taskService.createTaskQuery().processInstanceId(caseId).taskDefinitionKey(step).singleResult();
        if (task == null) {
            throw new IllegalStateException(step + " is not open in " + caseId);
        }
        return task.getId();
    }

    private String scan(String by) {
        try {
            return attachments.store(null, "scan.pdf", new ByteArrayInputStream(("%PDF-1.7\n%scan " + System.nanoTime())
                    .getBytes()), by, "K-T-B1").id();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void attachScans(String caseId) {
        for (int i = 0; i < 10; i++) {
            try {
                cases.attach(caseId, "scan-" + i + ".png", new ByteArrayInputStream(Scans.page(i)), "sec1");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void advanceAYear() {
        time.moveTo(clock.instant().plus(Duration.ofDays(366)));
        while (time.fireDueTimers() > 0) {
            // a repeating cycle may make more timers due
        }
    }
}
