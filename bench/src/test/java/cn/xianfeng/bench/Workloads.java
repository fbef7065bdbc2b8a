package cn.xianfeng.bench;

import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowable.engine.TaskService;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The HTTP workloads of section 3, each timed alone after the indexing backlog is drained. */
final class Workloads {

    private static final String REVIEW = "{\"data\":{\"decision\":\"APPROVE\"}}";

    private final ApplicationContext ctx;
    private final PortalProcess portal;
    private final BenchPostgres pg;
    private final Settle settle;
    private final Report report;
    private final Path work;
    private final ObjectMapper json = new ObjectMapper();

    Workloads(ApplicationContext ctx, PortalProcess portal, BenchPostgres pg, Settle settle, Report report, Path work) {
        this.ctx = ctx;
        this.portal = portal;
        this.pg = pg;
        this.settle = settle;
        this.report = report;
        this.work = work;
    }

    /** What a timed workload cost: its wall time, both processes' CPU, and PostgreSQL's counts for the portal's role. */
    private final class Window {
        final Profile profile = new Profile();
        final AutoCloseable recording = profilePortal(profile);
        // the recording's start (an attach, a safepoint) settles before the baselines are read and the timing begins
        final boolean settled = pause(RECORDING_SETTLES);
        final Map<String, double[]> statementTimes = pg.portalStatementTimes();
        Map<String, double[]> statementTimesAfter;
        final MachineCpu machine = MachineCpu.now();
        Map<String, Double> cores;
        final long t = System.nanoTime();
        final long benchCpu = EnginePath.processCpu();
        final double portalCpu = portal.cpuSeconds();
        final ThreadCpu portalThreads = ThreadCpu.of(portal.pid());
        final ThreadCpu benchThreads = ThreadCpu.of(ProcessHandle.current().pid());
        ThreadCpu.Usage portalThreadSeconds;
        ThreadCpu.Usage benchThreadSeconds;
        final BenchPostgres.Counters server = pg.counters();
        double seconds;
        double benchCpuSeconds;
        double portalCpuSeconds;
        BenchPostgres.Counters counted;

        Window end() {
            seconds = (System.nanoTime() - t) / 1e9;
            cores = machine.coresSince();
            benchCpuSeconds = (EnginePath.processCpu() - benchCpu) / 1e9;
            portalCpuSeconds = portal.cpuSeconds() - portalCpu;
            portalThreadSeconds = portalThreads.usageSince();
            benchThreadSeconds = benchThreads.usageSince();
            counted = pg.counters().minus(server);
            statementTimesAfter = pg.portalStatementTimes();
            try {
                recording.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        void report(String section, long requests) {
            report.add(section, "SQL statements per request, all portal threads (PostgreSQL's count for the portal's role)",
                    (double) counted.portalStatements() / requests, "stmts");
            report.add(section, "transactions per request, all portal threads (PostgreSQL's BEGINs of the portal's role)",
                    (double) counted.portalTransactions() / requests, "tx");
            report.add(section, "portal CPU per request", portalCpuSeconds * 1000 / requests, "ms");
            report.add(section, "load generator (bench JVM) CPU over the workload", benchCpuSeconds / seconds * 100,
                    "% of a core");
            report.fact("machine CPU, " + section, MachineCpu.describe(cores));
            report.fact("portal CPU per request by thread kind, " + section,
                    ThreadCpu.describePerRequest(portalThreadSeconds, requests));
            report.fact("bench JVM CPU per request by thread kind, " + section,
                    ThreadCpu.describePerRequest(benchThreadSeconds, requests));
            report.note("Profile: " + section + " (the portal process over the timed workload)", profile.markdown(12)
                    + "\n" + BenchPostgres.slowest(statementTimes, statementTimesAfter, requests, 8));
        }
    }

    private static final Duration RECORDING_SETTLES = Duration.ofMillis(500);

    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private AutoCloseable profilePortal(Profile into) {
        try {
            return Profile.record(into, portal.pid(), work.resolve("profiles"), "workload" + System.nanoTime());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** 32 clients: each lists its 待办, completes a report review found there, or files a report for the next client. */
    void mixed(List<PortalClient> clients, Duration length, boolean timed) throws Exception {
        settle.drained();
        PortalClient.Measured m = PortalClient.Measured.create();
        long deadline = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        Window window = new Window();
        Waits waits = timed ? new Waits(pg) : null;
        List<Future<?>> running = new ArrayList<>();
        for (PortalClient c : clients) {
            running.add(pool.submit(() -> mixedLoop(c, deadline, m)));
        }
        if (timed) {
            Thread.sleep(length.toMillis() / 2);
            report.note("PostgreSQL at half time of the mixed HTTP load (pg_stat_activity, not idle)", activity());
            portal.threadDump(work.resolve("portal-threads-half-time.txt"));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        window.end();
        if (!timed) {
            return;
        }
        waits.close();
        String s = SECTION_MIXED + " (" + clients.size() + " clients)";
        report.fact("the portal's PostgreSQL backends per 10 ms sample, " + s, waits.summary());
        Stats todo = Stats.ofNanos(m.todo());
        Stats complete = Stats.ofNanos(m.complete());
        report.add(s, "requests/s, all", m.requests() / window.seconds, "req/s");
        report.add(s, "task completions/s", m.complete().size() / window.seconds, "/s");
        report.add(s, "todo list p50", todo.p50(), "ms");
        report.target(Report.MIXED_TODO, s, "todo list p95", todo.p95(), "ms", 100.0, false);
        report.add(s, "todo list p99", todo.p99(), "ms");
        // a short run may see no completion or no filing at all: then there is no percentile to report
        if (!m.complete().isEmpty()) {
            report.add(s, "task completion p95", complete.p95(), "ms");
            report.add(s, "task completion p99", complete.p99(), "ms");
        }
        if (!m.start().isEmpty()) {
            report.add(s, "case start (report filed) p99", Stats.ofNanos(m.start()).p99(), "ms");
        }
        report.atMost(s, "errors (non-2xx or I/O)", m.errors().get(), "", 0);
        window.report(s, m.requests());
        errors("mixed", m);
        report.fact("HTTP mixed", String.format("%,d todo lists, %,d completions, %,d case starts in %.0f s; load average %s",
                m.todo().size(), m.complete().size(), m.start().size(), window.seconds, Indexing.loadAverage()));
    }

    static final String SECTION_MIXED = HttpLoad.SECTION + " mixed";

    private void mixedLoop(PortalClient c, long deadline, PortalClient.Measured m) {
        while (System.nanoTime() < deadline) {
            String list = c.timed(m, m.todo(), c.get("/api/tasks?scope=todo&size=20"), false);
            if (list == null) {
                continue;
            }
            String review = null;
            try {
                for (JsonNode item : json.readTree(list).path("items")) {
                    if ("report".equals(item.path("process").asText()) && "review".equals(item.path("stepId").asText())) {
                        review = item.path("id").asText();
                        break;
                    }
                }
            } catch (Exception e) {
                m.error(c.username + " unreadable todo list: " + e);
                continue;
            }
            if (review != null) {
                c.timed(m, m.complete(), c.post("/api/tasks/" + review + "/complete", REVIEW), false);
            } else {
                c.timed(m, m.start(), c.post("/api/cases", "{\"process\":\"report\",\"data\":" + reportData() + "}"), false);
            }
        }
    }

    private static String reportData() {
        return "{\"title\":\"压测情况报告\",\"content\":\"本月支部工作情况良好。\",\"reportDate\":\"" + LocalDate.now() + "\"}";
    }

    /**
     * 8 clients, each completing report reviews filed for it beforehand (untimed, through the engine in this JVM),
     * one after another for {@code length}: only {@code POST /api/tasks/{id}/complete}, as fast as the portal answers.
     */
    void completionOnly(List<PortalClient> clients, int allClients, Duration length, double rawStepsPerSecond,
                        int maxPerClient) throws Exception {
        // enough for 1.3 × raw Flowable's single-thread rate (the target) over the whole workload, up to the mode's cap;
        // the workload ends when the first client has none left, so all 8 stay busy for as long as it is timed
        int perClient = Math.min(maxPerClient,
                (int) Math.ceil(Math.max(rawStepsPerSecond, 20) * 1.3 * length.toSeconds() / clients.size()) + 5);
        long seedStart = System.nanoTime();
        List<ConcurrentLinkedQueue<String>> queues = seed(clients.size(), allClients, perClient);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        Bench.log(String.format("HTTP: %d reviews filed for the completion-only workload in %.0f s", perClient * clients.size(),
                seedSeconds));
        settle.drained();
        PortalClient.Measured m = PortalClient.Measured.create();
        AtomicInteger ranOut = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        long deadline = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        Window window = new Window();
        Waits waits = new Waits(pg);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            PortalClient c = clients.get(i);
            ConcurrentLinkedQueue<String> queue = queues.get(i);
            running.add(pool.submit(() -> {
                for (String id; System.nanoTime() < deadline && !stop.get(); ) {
                    if ((id = queue.poll()) == null) {
                        ranOut.incrementAndGet();
                        stop.set(true);
                        return;
                    }
                    c.timed(m, m.complete(), c.post("/api/tasks/" + id + "/complete", REVIEW), false);
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        window.end();
        waits.close();
        String s = HttpLoad.SECTION + " completion-only (" + clients.size() + " clients)";
        report.fact("the portal's PostgreSQL backends per 10 ms sample, " + s, waits.summary());
        Stats complete = Stats.ofNanos(m.complete());
        double rate = m.complete().size() / window.seconds;
        report.add(s, "task completions/s", rate, "/s");
        report.target(Report.HTTP_RATIO, s, "completions/s ÷ raw Flowable's single-thread steps/s (section 1)",
                rate / rawStepsPerSecond, "×", 1.0, true);
        report.add(s, "task completion p50", complete.p50(), "ms");
        report.add(s, "task completion p95", complete.p95(), "ms");
        report.target(Report.HTTP_P99, s, "task completion p99", complete.p99(), "ms", 100.0, false);
        report.target(Report.HTTP_ERRORS, s, "errors (non-2xx or I/O)", m.errors().get(), "", 0.0, false);
        report.add(s, "workload ended early: clients that ran out of filed reviews (informational)", ranOut.get(), "");
        window.report(s, m.requests());
        errors("completion-only", m);
        report.fact("HTTP completion-only", String.format("%,d completions in %.0f s by %d clients; %,d reviews filed "
                        + "beforehand in %.0f s (%d per client: 1.3 × raw Flowable's %.0f steps/s over %d s, at most %d)%s; "
                        + "load average %s", m.complete().size(), window.seconds, clients.size(), perClient * clients.size(),
                seedSeconds, perClient, rawStepsPerSecond, length.toSeconds(), maxPerClient,
                ranOut.get() > 0 ? "; it ended when the first client had none left" : "", Indexing.loadAverage()));
    }

    /** Files {@code perClient} reports into each client's branch, two at a time; the review task ids per client. */
    private List<ConcurrentLinkedQueue<String>> seed(int clients, int allClients, int perClient) throws Exception {
        Cases cases = ctx.getBean(Cases.class);
        TaskService tasks = ctx.getBean(TaskService.class);
        List<ConcurrentLinkedQueue<String>> queues = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            queues.add(new ConcurrentLinkedQueue<>());
        }
        AtomicInteger next = new AtomicInteger();
        Map<String, Object> data = Map.of("title", "压测情况报告", "content", "本月支部工作情况良好。", "reportDate",
                LocalDate.now().toString());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> parts = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            parts.add(pool.submit(() -> {
                for (int k; (k = next.getAndIncrement()) < clients * perClient; ) {
                    int i = k % clients;
                    String caseId = cases.start(new StartCase("report", null, data), HttpLoad.filerFor(i, allClients),
                            Locale.SIMPLIFIED_CHINESE).id();
                    queues.get(i).add(tasks.createTaskQuery().processInstanceId(caseId).singleResult().getId());
                }
                return null;
            }));
        }
        for (Future<?> f : parts) {
            f.get();
        }
        pool.shutdown();
        return queues;
    }

    // rounds of about three seconds, and at least 3,000 township requests: code run once per request reaches C2 after
    // some thousands of calls, so after 250 township requests (five rounds of 50, the compilers quiet over the last
    // two) C2 still compiled 0.8 s of the request path (CsrfFilter 216 ms) during the 8 s of the timed window
    private static final int OWED_WARMUP_ROUND = 250;
    private static final int OWED_ROOT_PER_ROUND = 25;
    private static final int OWED_MIN_WARMUP_ROUNDS = 12;
    private static final int OWED_MAX_WARMUP_ROUNDS = 30;
    /** The quick check's rounds (C1 only: nothing for C2 to settle). */
    private static final int OWED_QUICK_WARMUP_ROUNDS = 2;

    /**
     * The read model's tables as the timed 谁欠谁 windows find them: rows changed and dead since they were built and
     * vacuumed, and whether autovacuum has come by (the completion and mixed loads leave dead rows a part run without
     * them does not have).
     */
    private String owedTables() {
        return ctx.getBean(JdbcTemplate.class).query("""
                select relname, n_live_tup, n_dead_tup, n_tup_ins + n_tup_upd + n_tup_del as changed, n_tup_hot_upd,
                       autovacuum_count, vacuum_count
                  from pg_stat_user_tables
                 where relname in ('owed_task', 'owed_owner', 'owed_person_tally', 'owed_org_tally')
                 order by relname""", (r, i) -> String.format("%s %,d live, %,d dead, %,d rows written (%,d HOT "
                        + "updates), vacuumed %d times by autovacuum and %d by hand", r.getString(1), r.getLong(2),
                r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7)))
                .stream().collect(java.util.stream.Collectors.joining("; "));
    }

    /** 谁欠谁 over HTTP, one request at a time: township reviewers (their townships) and the county root. */
    void owed(List<String> townshipViewers, String rootViewer, int runs) throws Exception {
        settle.drained();
        report.fact("谁欠谁 read model before its windows", owedTables());
        List<PortalClient> townships = new ArrayList<>();
        for (String u : townshipViewers) {
            townships.add(new PortalClient(portal.base, u, HttpLoad.PASSWORD).login());
        }
        PortalClient root = new PortalClient(portal.base, rootViewer, HttpLoad.PASSWORD).login();
        String s = HttpLoad.SECTION + " /api/owed";
        PortalClient.Measured township = PortalClient.Measured.create();
        PortalClient.Measured county = PortalClient.Measured.create();
        // untimed rounds until the JIT has settled: compilers busy at most 5 % of two rounds in a row, in the portal
        // and in this JVM (the client), measured on their threads. A round's latency alone looked steady while the
        // compilers still took 38 ms of CPU per township request, competing with the request for the two cores.
        // The windows' JFR recordings start and stop here first, so that their own code is compiled before timing.
        Window warm = new Window();
        PortalClient.Measured warmUp = PortalClient.Measured.create();
        int rounds = 0;
        int quietRounds = 0;
        double jitShare = 1;
        // the quick check (C1 only, figures not compared) stops after the fewest rounds
        int minRounds = Bench.C1_ONLY ? OWED_QUICK_WARMUP_ROUNDS : OWED_MIN_WARMUP_ROUNDS;
        int maxRounds = Bench.C1_ONLY ? OWED_QUICK_WARMUP_ROUNDS : OWED_MAX_WARMUP_ROUNDS;
        while (rounds < maxRounds && (rounds < minRounds || quietRounds < 2)) {
            ThreadCpu portalJit = ThreadCpu.of(portal.pid());
            ThreadCpu clientJit = ThreadCpu.of(ProcessHandle.current().pid());
            long t = System.nanoTime();
            for (int i = 0; i < OWED_WARMUP_ROUND; i++) {
                int v = i % townships.size();
                townships.get(v).timed(warmUp, null, townships.get(v).get(owedOf(v)), false);
                if (i < OWED_ROOT_PER_ROUND) {
                    root.timed(warmUp, null, root.get("/api/owed?org=" + CountyData.ROOT), false);
                }
            }
            double wall = (System.nanoTime() - t) / 1e9;
            rounds++;
            jitShare = Math.max(portalJit.secondsSince(ThreadCpu.JIT), clientJit.secondsSince(ThreadCpu.JIT)) / wall;
            quietRounds = jitShare <= ThreadCpu.JIT_SETTLED ? quietRounds + 1 : 0;
        }
        warm.end();
        int warmups = rounds * OWED_WARMUP_ROUND;
        int rootWarmups = rounds * OWED_ROOT_PER_ROUND;
        // informational: a quiet JIT may read 0
        report.add(s, "warm-up: JIT compilers' busiest share of the last round, portal or client (informational)",
                jitShare * 100, "%");
        // each viewer kind in a window of its own, so that its profile and server time are its own
        Window townshipWindow = new Window();
        Tail townshipTail = new Tail(pg, portal.gcLog());
        for (int i = 0; i < runs; i++) {
            int t = i % townships.size();
            townshipTail.request(townshipViewers.get(t), () -> townships.get(t).timed(township, township.todo(),
                    townships.get(t).get(owedOf(t)), true));
        }
        townshipWindow.end();
        townshipTail.close();
        Window rootWindow = new Window();
        Tail rootTail = new Tail(pg, portal.gcLog());
        for (int i = 0; i < runs; i++) {
            rootTail.request(rootViewer, () -> root.timed(county, county.todo(),
                    root.get("/api/owed?org=" + CountyData.ROOT), true));
        }
        rootWindow.end();
        rootTail.close();
        report.note("Tail: " + s + ", township (its 10 slowest requests and what ran beside them)",
                townshipTail.markdown(10));
        report.note("Tail: " + s + ", county root (its 10 slowest requests and what ran beside them)",
                rootTail.markdown(10));
        Stats tw = Stats.ofNanos(township.todo());
        Stats rt = Stats.ofNanos(county.todo());
        report.add(s, "township (BC-T01…), p50", tw.p50(), "ms");
        report.target(Report.OWED_TOWNSHIP, s, "township, p95", tw.p95(), "ms", 20.0, false);
        report.add(s, "township, p99", tw.p99(), "ms");
        report.add(s, "county root, p50", rt.p50(), "ms");
        report.target(Report.OWED_ROOT, s, "county root, p95", rt.p95(), "ms", 100.0, false);
        report.add(s, "county root, p99", rt.p99(), "ms");
        report.add(s, "township, response size (largest)", township.bytes().stream().mapToLong(Long::longValue).max()
                .orElse(0) / 1024.0, "KB");
        report.target(Report.OWED_SIZE, s, "county root, response size (largest)", county.bytes().stream()
                .mapToLong(Long::longValue).max().orElse(0) / 1024.0, "KB", 200.0, false);
        report.atMost(s, "errors (non-2xx or I/O), warm-up included", township.errors().get() + county.errors().get()
                + warmUp.errors().get(), "", 0);
        townshipWindow.report(s + ", township", township.requests());
        rootWindow.report(s + ", county root", county.requests());
        errors("/api/owed", township);
        errors("/api/owed root", county);
        errors("/api/owed warm-up", warmUp);
        report.fact("HTTP /api/owed", String.format("%d requests per viewer kind, one at a time, after %d township and "
                + "%d root requests untimed (rounds of %d and %d until the JIT compilers' threads were busy at most %.0f %% "
                + "of two rounds in a row, in the portal and in the client, at least %d rounds, at most %d); township "
                + "reviewers of %d townships in turn; uncompressed JSON bytes as received", runs, warmups, rootWarmups,
                OWED_WARMUP_ROUND, OWED_ROOT_PER_ROUND, ThreadCpu.JIT_SETTLED * 100, minRounds, maxRounds,
                townships.size()));
    }

    private static String owedOf(int township) {
        return "/api/owed?org=" + CountyData.township(township + 1);
    }

    private void errors(String workload, PortalClient.Measured m) {
        if (!m.firstErrors().isEmpty()) {
            report.note("HTTP errors, " + workload + " (first few)",
                    String.join("\n", m.firstErrors().subList(0, Math.min(5, m.firstErrors().size()))));
        }
    }

    private String activity() {
        var jdbc = ctx.getBean(JdbcTemplate.class);
        return "```\n" + String.join("\n", jdbc.query("""
                select state || ' ' || coalesce(wait_event_type || ':' || wait_event, '-') || ' '
                       || round(extract(epoch from clock_timestamp() - query_start) * 1000) || ' ms: ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 160)
                  from pg_stat_activity where state <> 'idle' and pid <> pg_backend_pid() and datname = current_database()
                """, (rs, i) -> rs.getString(1))) + "\n```";
    }
}
