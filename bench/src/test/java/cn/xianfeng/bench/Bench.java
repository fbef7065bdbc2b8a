package cn.xianfeng.bench;

import cn.xianfeng.EngineTestApplication;
import cn.xianfeng.testing.RealServices;
import cn.xianfeng.testing.RealServices.Database;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The whole benchmark: one engine context (the engine's services on a fresh database of the bench's PostgreSQL with
 * production durability, SQL counted by datasource-proxy on every thread), the portal jar as a separate process for
 * HTTP (counted by PostgreSQL), and the real Elasticsearch. Sections run one after another, each alone.
 */
final class Bench {

    /** This JVM (and so the portal and Elasticsearch it starts) compiles with C1 only: the quick test's setting. */
    static final boolean C1_ONLY = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
            .contains("-XX:TieredStopAtLevel=1");

    /** The sizes of one run. */
    record Mode(String name, int casePairs, int warmupPairs, CountyData.Shape shape, int latencyRuns, int dossierRuns,
                int auditEvents, HttpLoad.Sizes http, int searchDocs, int searchQueries, int indexingCases,
                int appendSeconds) {

        static final Mode FULL = new Mode("full", 24, 4, new CountyData.Shape(40, 124, 200_000, 100_000, 1_000_000),
                300, 10, 20_000, new HttpLoad.Sizes(8, 32, Duration.ofSeconds(20), Duration.ofSeconds(60), 500, 1_500),
                1_000_000, 200, 100_000, 60);
        static final Mode QUICK = new Mode("quick", 2, 1, new CountyData.Shape(2, 10, 2_000, 1_000, 10_000),
                30, 2, 2_000, new HttpLoad.Sizes(8, 32, Duration.ofSeconds(3), Duration.ofSeconds(5), 10, 20),
                20_000, 30, 5_000, 8);

        static Mode named(String name) {
            return "quick".equals(name) ? QUICK : FULL;
        }
    }

    static Report run(Mode mode, Path out, Path portalJar) throws Exception {
        if (mode == Mode.FULL && C1_ONLY) {
            throw new IllegalStateException("a full bench measures speed: run it with full compilation (scripts/bench),"
                    + " not with -XX:TieredStopAtLevel=1");
        }
        Report report = new Report(mode.name());
        report.fact("JVM compilation", C1_ONLY ? "C1 only (quick check of the bench, figures not comparable)"
                : "C1 then C2, as in production");
        BenchPostgres pg = BenchPostgres.freshDatabase();
        report.fact("PostgreSQL", pg.settings());
        String only = System.getProperty("xianfeng.bench.only", "");
        try (ConfigurableApplicationContext ctx = context(pg.database()); Settle settle = new Settle(pg)) {
            if (!only.isBlank()) {
                runOnly(only, ctx, pg, settle, mode, out, portalJar, report);
                report.write(out);
                hold(pg);
                return report;
            }
            log("engine path: " + mode.casePairs() + " case pairs, " + mode.warmupPairs() + " of them warm-up");
            EnginePath.Result walked = profiledSteps(report,
                    () -> new EnginePath(ctx, settle).serverSide(pg).run(mode.casePairs(), mode.warmupPairs(), report));

            CompletableFuture<String> elasticsearch = CompletableFuture.supplyAsync(Bench::elasticsearchUris);
            log("who owes what: generating " + mode.shape());
            // the data set is written while Elasticsearch starts; the timings below wait for it to be up
            CountyData.Shape shape = mode.shape();
            WhoOwes owes = new WhoOwes(ctx);
            String uris = elasticsearch.join();
            settle.drained();
            owes.run(shape, walked.progressApplicant(), mode.latencyRuns(), report);

            Documents documents = new Documents(ctx, settle);
            log("dossier");
            documents.dossier(walked.dossierCase(), mode.dossierRuns(), report);
            log("audit: " + mode.auditEvents() + " events");
            documents.audit(mode.auditEvents(), Math.min(mode.shape().openTasks(), 20_000), report);
            indexing(ctx, pg, settle, mode, uris, report);

            log("HTTP: " + mode.http());
            // the portal reads on real time, this context on its clock moved ahead by the engine path: the tallies'
            // late counts as the portal's own roll keeps them
            new CountyData(ctx.getBean(org.springframework.jdbc.core.JdbcTemplate.class)).readModelSettled(Instant.now());
            new HttpLoad(ctx, pg, settle).run(portalJar, out.resolve("work"), uris, walked.rawStepsPerSecond(), mode.http(),
                    shape, report);

            log("search: " + mode.searchDocs() + " documents");
            settle.drained();
            documents.search(uris, shape, mode.searchDocs(), mode.searchQueries(), report);
        }
        Method.describe(report);
        report.write(out);
        log("report written to " + out.resolve("latest.md") + " after " + Math.round(report.elapsedSeconds()) + " s");
        return report;
    }

    /**
     * {@code -Dxianfeng.bench.hold=PT10M}: after a part run alone, keeps its database (and data set) up that long, to
     * explore its plans with psql while working on a query; the URL is logged.
     */
    private static void hold(BenchPostgres pg) throws InterruptedException {
        String hold = System.getProperty("xianfeng.bench.hold", "");
        if (!hold.isBlank()) {
            log("holding the database for " + hold + ": " + pg.database().jdbcUrl() + " as " + pg.database().username());
            Thread.sleep(Duration.parse(hold).toMillis());
        }
    }

    /** Runs {@code body} under JFR and puts where this JVM's CPU went into the report, beside the section's rows. */
    static <T> T profiled(Report report, String title, java.util.concurrent.Callable<T> body) throws Exception {
        Profile profile = new Profile();
        T result;
        try (AutoCloseable recording = Profile.record(profile, Path.of("target", "profiles"), "bench" + System.nanoTime())) {
            result = body.call();
        }
        report.note("Profile: " + title, profile.markdown(12));
        return result;
    }

    /**
     * The engine path under JFR: one profile per side, of the samples taken inside that side's timed step windows
     * (the call and its after-commit work) only, so that setting the cases up (sign-ins, BCrypt, the data) is not
     * counted as a step's cost.
     */
    static <T> T profiledSteps(Report report, java.util.concurrent.Callable<T> body) throws Exception {
        Profile engine = new Profile(at -> StepProfile.inWindow("engine", at));
        Profile raw = new Profile(at -> StepProfile.inWindow("raw", at));
        T result;
        try (AutoCloseable recording = Profile.record(java.util.List.of(engine, raw), Path.of("target", "profiles"),
                "bench" + System.nanoTime())) {
            result = body.call();
        }
        report.note("Profile: 1 engine path, engine side (the bench JVM, inside the timed steps and their after-commit "
                + "work)", engine.markdown(12));
        report.note("Profile: 1 engine path, raw Flowable side (the bench JVM, inside the timed steps)", raw.markdown(12));
        return result;
    }

    /** {@code -Dxianfeng.bench.only=engine|http|http-owed|owes|dossier|indexing}: one part alone, while working on it. */
    private static void runOnly(String only, ConfigurableApplicationContext ctx, BenchPostgres pg, Settle settle, Mode mode,
                                Path out, Path portalJar, Report report) throws Exception {
        switch (only) {
            // -Dxianfeng.bench.pairs / .warmup: more case pairs than the mode's while working on the engine path
            case "engine" -> profiledSteps(report,
                    () -> new EnginePath(ctx, settle).serverSide(pg).run(Integer.getInteger("xianfeng.bench.pairs",
                            mode.casePairs()), Integer.getInteger("xianfeng.bench.warmup", mode.warmupPairs()), report));
            // http-owed: the warm-up and 谁欠谁 over HTTP only
            case "http", "http-owed" -> {
                // the raw rate the completion-only workload is held against, then the data set and the load
                EnginePath.Result walked = new EnginePath(ctx, settle).run(Math.min(3, mode.casePairs()), 1, report);
                CountyData county = new CountyData(ctx.getBean(org.springframework.jdbc.core.JdbcTemplate.class));
                county.generate(mode.shape());
                ctx.getBean(cn.xianfeng.workflow.OwedReconciliation.class).reconcile();
                county.readModelSettled(Instant.now()); // the portal reads on real time
                new HttpLoad(ctx, pg, settle).run(portalJar, out.resolve("work"), elasticsearchUris(),
                        walked.rawStepsPerSecond(), mode.http(), mode.shape(), report, only.equals("http-owed"));
            }
            // the who-owes-what queries alone, at the mode's scale
            case "owes" -> new WhoOwes(ctx).run(mode.shape(), null, mode.latencyRuns(), report);
            // one walked case pair (the 25-step case with its scans), then dossiers
            case "dossier" -> new Documents(ctx, settle).dossier(new EnginePath(ctx, settle).run(1, 0, report).dossierCase(),
                    Math.max(10, mode.dossierRuns()), report);
            // section 6 on a fresh database
            case "indexing" -> indexing(ctx, pg, settle, mode, elasticsearchUris(), report);
            default -> throw new IllegalArgumentException("xianfeng.bench.only: engine, http, http-owed, owes, dossier or indexing, not " + only);
        }
    }

    private static String elasticsearchUris() {
        return RealServices.elasticsearch().uris().stream().map(URI::toString).collect(Collectors.joining(","));
    }

    /** Section 6: appends with indexing on both stores, the rebuild against raw bulk, verification warm. */
    private static void indexing(ConfigurableApplicationContext ctx, BenchPostgres pg, Settle settle, Mode mode, String uris,
                                 Report report) throws Exception {
        Indexing indexing = new Indexing(ctx, settle, pg);
        log("indexing: " + mode.indexingCases() + " cases, appends of " + mode.appendSeconds() + " s");
        java.util.List<String> cases = indexing.corpus(mode.indexingCases());
        profiled(report, "6 audit append with indexing, PostgreSQL search (the bench JVM: writers and the indexer)", () -> {
            indexing.append("PostgreSQL search", cases, mode.appendSeconds(), Indexing.APPEND_PACE, indexing.postgres(),
                    null, report);
            return null;
        });
        cn.xianfeng.search.internal.SearchIndex es = cn.xianfeng.search.internal.BenchIndex.elasticsearch(uris,
                "bench-live", ctx.getBean(org.springframework.jdbc.core.simple.JdbcClient.class));
        es.clear();
        cn.xianfeng.search.internal.BenchIndex.contextIndexer(ctx, false);
        try (AutoCloseable live = cn.xianfeng.search.internal.BenchIndex.indexer(ctx, es)) {
            profiled(report, "6 audit append with indexing, Elasticsearch (the bench JVM: writers and the indexer)", () -> {
                URI node = URI.create(uris.split(",")[0]);
                indexing.append("Elasticsearch", cases, mode.appendSeconds(), Indexing.APPEND_PACE,
                        Indexing.elasticsearch(node, "bench-live"), node, report);
                return null;
            });
        } finally {
            cn.xianfeng.search.internal.BenchIndex.contextIndexer(ctx, true);
        }
        log("indexing: rebuild against raw bulk");
        profiled(report, "6 rebuild into a new Elasticsearch index (the bench JVM; the raw side's sending included)", () -> {
            indexing.rebuildAgainstRaw(uris, report);
            return null;
        });
        log("indexing: audit verification, warm");
        indexing.verifyWarm(report);
    }

    private static ConfigurableApplicationContext context(Database db) {
        return new SpringApplicationBuilder(EngineTestApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(c -> {
                    c.getBeanFactory().addBeanPostProcessor(new SqlCounter());
                    c.getEnvironment().getPropertySources().addFirst(new MapPropertySource("bench", Map.of(
                            "spring.datasource.url", db.jdbcUrl(),
                            "spring.datasource.username", db.username(),
                            "spring.datasource.password", db.password(),
                            "xianfeng.clock.adjustable", "true",
                            "flowable.async-executor-activate", "false",
                            "xianfeng.meeting.compliance-initial-delay", "PT24H",
                            // this context moves its clock years ahead: its rolls would mark as late what the portal,
                            // on real time, must then take off again. The bench rolls here when the data is written.
                            "xianfeng.owed.roll-interval", "PT24H",
                            "logging.level.root", "WARN")));
                })
                .run();
    }

    private static final long STARTED = System.nanoTime();

    static void log(String what) {
        System.out.printf("[bench] %5.0f s  %s%n", (System.nanoTime() - STARTED) / 1e9, what);
    }
}
