package cn.xianfeng.bench;

import cn.xianfeng.org.Accounts;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import cn.xianfeng.search.internal.BenchIndex;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Section 3: the portal process (production configuration, {@link PortalProcess}) driven over HTTP on 127.0.0.1, after
 * an untimed warm-up: a completion-only workload (8 clients completing report reviews filed for them beforehand), the
 * mixed workload (32 clients listing their 待办, completing reviews, filing reports) and 谁欠谁 ({@code /api/owed}) at a
 * township and at the county root. Each workload runs alone, with the indexing backlog drained before it. Statements
 * and commits per request are counted by PostgreSQL (pg_stat_statements, the portal's role); the load generator's
 * and the portal's CPU time are read over each workload. Section 5 (memory) is the portal's heap and RSS.
 */
final class HttpLoad {

    static final String SECTION = "3 HTTP";
    /** The one-time password an officer gives each client, and the one the client then chooses (as people must). */
    private static final String INITIAL_PASSWORD = "bench-2026-initial";
    static final String PASSWORD = "bench-2026-pw";

    /** The sizes of the HTTP section. */
    record Sizes(int completionClients, int mixedClients, Duration warmup, Duration length, int owedRuns,
                 int maxFiledPerClient) {
    }

    private final ApplicationContext ctx;
    private final BenchPostgres pg;
    private final Settle settle;

    HttpLoad(ApplicationContext ctx, BenchPostgres pg, Settle settle) {
        this.ctx = ctx;
        this.pg = pg;
        this.settle = settle;
    }

    /** {@code rawStepsPerSecond}: raw Flowable's single-thread rate of this run (section 1), the completion target. */
    void run(Path portalJar, Path work, String elasticsearchUris, double rawStepsPerSecond, Sizes sizes,
             CountyData.Shape shape, Report report) throws Exception {
        run(portalJar, work, elasticsearchUris, rawStepsPerSecond, sizes, shape, report, false);
    }

    /** {@code owedOnly}: after the warm-up, only 谁欠谁 (while working on it). */
    void run(Path portalJar, Path work, String elasticsearchUris, double rawStepsPerSecond, Sizes sizes,
             CountyData.Shape shape, Report report, boolean owedOnly) throws Exception {
        createClients(sizes.mixedClients());
        List<String> townshipViewers = owedViewers(shape);
        // the portal indexes into Elasticsearch as in production; the context's own indexer (PostgreSQL search) stops,
        // so that the portal's holds the indexing lease
        settle.drained();
        BenchIndex.contextIndexer(ctx, false);
        try (PortalProcess portal = new PortalProcess(portalJar, work, pg.portalDatabase(), elasticsearchUris, "bench-portal")) {
            Bench.log(String.format("HTTP: portal healthy after %.0f s", portal.startSeconds));
            List<PortalClient> clients = new ArrayList<>();
            for (int i = 0; i < sizes.mixedClients(); i++) {
                clients.add(new PortalClient(portal.base, client(i), PASSWORD).login());
            }
            Workloads w = new Workloads(ctx, portal, pg, settle, report, work);
            Bench.log("HTTP: warm-up, " + sizes.mixedClients() + " clients for " + sizes.warmup().toSeconds() + " s");
            w.mixed(clients, sizes.warmup(), false);
            if (!Bench.C1_ONLY) { // the quick check compiles with C1 only and its figures are not compared
                jitSettled(w, clients, portal, report);
            }
            if (!owedOnly) {
                Bench.log("HTTP: completion-only, " + sizes.completionClients() + " clients for "
                        + sizes.length().toSeconds() + " s");
                w.completionOnly(clients.subList(0, sizes.completionClients()), sizes.mixedClients(), sizes.length(),
                        rawStepsPerSecond, sizes.maxFiledPerClient());
                Bench.log("HTTP: mixed, " + sizes.mixedClients() + " clients for " + sizes.length().toSeconds() + " s");
                w.mixed(clients, sizes.length(), true);
            }
            Bench.log("HTTP: /api/owed");
            w.owed(townshipViewers, CountyData.rootViewer(), sizes.owedRuns());
            memory(portal, report);
            report.fact("HTTP", String.format("portal jar (%s) started with -Xmx512m, Elasticsearch search, database role %s "
                            + "in %.0f s; clients on 127.0.0.1 with session cookies (form sign-in once per client); "
                            + "untimed warm-up of %d s with %d clients", portalJarName(portalJar), BenchPostgres.PORTAL_ROLE,
                    portal.startSeconds, sizes.warmup().toSeconds(), sizes.mixedClients()));
        } finally {
            BenchIndex.contextIndexer(ctx, true);
        }
    }

    private static final Duration WARMUP_SLICE = Duration.ofSeconds(10);
    private static final int MAX_WARMUP_SLICES = 18;

    /**
     * More of the mixed warm-up, in slices of 10 s, until the portal's JIT compilers used at most 5 % of a core over a
     * slice (at most 18 slices): a timed workload must not share the two cores with the compilers still at work.
     */
    private static void jitSettled(Workloads w, List<PortalClient> clients, PortalProcess portal, Report report)
            throws Exception {
        int slices = 0;
        double share;
        do {
            ThreadCpu threads = ThreadCpu.of(portal.pid());
            long t = System.nanoTime();
            w.mixed(clients, WARMUP_SLICE, false);
            share = threads.secondsSince(ThreadCpu.JIT) / ((System.nanoTime() - t) / 1e9);
            slices++;
            Bench.log(String.format("HTTP: warm-up slice %d, the portal's JIT compilers busy %.1f %% of a core", slices,
                    share * 100));
        } while (share > ThreadCpu.JIT_SETTLED && slices < MAX_WARMUP_SLICES);
        report.add(SECTION + " warm-up", "portal JIT compilers' share of a core over the last warm-up slice (informational)",
                share * 100, "%");
        report.fact("HTTP warm-up", String.format("after the first warm-up, %d more slices of %d s of the mixed workload "
                        + "until the portal's JIT compilers were busy at most %.0f %% of a core over a slice (at most %d)",
                slices, WARMUP_SLICE.toSeconds(), ThreadCpu.JIT_SETTLED * 100, MAX_WARMUP_SLICES));
    }

    private static String portalJarName(Path jar) {
        return jar.getFileName().toString();
    }

    static String client(int i) {
        return String.format("hc%02d", i);
    }

    /** The client who files reports that client {@code i} reviews: a member of client i's branch. */
    static String filerFor(int i, int clients) {
        return client((i - 1 + clients) % clients);
    }

    private static String branch(int i) {
        return String.format("BC-H-B%02d", i);
    }

    /** Each client is the secretary of branch i and a member of branch i + 1. */
    private void createClients(int clients) {
        Orgs orgs = ctx.getBean(Orgs.class);
        People people = ctx.getBean(People.class);
        if (orgs.find("BC-H").isPresent()) {
            return;
        }
        orgs.create(new NewOrg("BC-H", "基准压测镇党委", OrgType.COMMITTEE, CountyData.ROOT), "admin");
        for (int i = 0; i < clients; i++) {
            orgs.create(new NewOrg(branch(i), "压测党支部" + i, OrgType.BRANCH, "BC-H"), "admin");
        }
        for (int i = 0; i < clients; i++) {
            people.create(new NewPerson(client(i), "压测书记" + i, LocalDate.of(1980, 1, 1), branch((i + 1) % clients),
                    MemberStatus.FULL, LocalDate.of(2005, 7, 1), INITIAL_PASSWORD), "admin");
            ctx.getBean(Accounts.class).changeOwn(client(i), INITIAL_PASSWORD, PASSWORD);
            people.grant(client(i), Role.SECRETARY, branch(i), "admin");
        }
    }

    /** Township reviewers (up to five townships) and the county's organization department, able to sign in. */
    private List<String> owedViewers(CountyData.Shape shape) {
        List<String> townships = new ArrayList<>();
        for (int t = 1; t <= Math.min(5, shape.townships()); t++) {
            townships.add(CountyData.reviewerOf(t));
        }
        List<String> all = new ArrayList<>(townships);
        all.add(CountyData.rootViewer());
        String hash = new BCryptPasswordEncoder().encode(PASSWORD);
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        for (String u : all) {
            jdbc.update("update person set password_hash = ?, password_change_required = false where username = ?", hash, u);
        }
        return townships;
    }

    private void memory(PortalProcess portal, Report report) throws Exception {
        double[] heap = portal.heapPeakMb();
        double[] rss = portal.rssMb();
        double usedNow = portal.heapUsedNowMb();
        String s = "5 memory";
        report.target(Report.HEAP, s, "portal heap, peak occupancy before a collection during the HTTP section (GC log)",
                heap[0], "MB", 512.0, false);
        report.add(s, "portal heap committed, largest (GC log; -Xmx512m)", heap[1], "MB");
        report.add(s, "portal heap used after the load (jcmd GC.heap_info)", usedNow, "MB");
        report.target(Report.RSS, s, "portal RSS, peak (VmHWM) over the HTTP section", rss[0], "MB", null, false);
        report.add(s, "portal RSS after the load (VmRSS)", rss[1], "MB");
        report.atMost(s, "portal died or threw OutOfMemoryError", portal.alive() ? 0 : 1, "", 0);
    }
}
