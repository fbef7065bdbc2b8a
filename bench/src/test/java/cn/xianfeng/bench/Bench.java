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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The whole benchmark: one engine context (the engine's services on a fresh database of the real PostgreSQL,
 * SQL counted by datasource-proxy), the portal jar as a separate process for HTTP, and the real Elasticsearch.
 */
final class Bench {

    /** The sizes of one run. */
    record Mode(String name, int casePairs, CountyData.Shape shape, int latencyRuns, int dossierRuns, int auditEvents,
                int httpClients, Duration httpLength, int searchDocs, int searchQueries, int indexingCases,
                int appendSeconds) {

        static final Mode FULL = new Mode("full", 21, new CountyData.Shape(40, 124, 200_000, 100_000, 1_000_000),
                300, 10, 20_000, 32, Duration.ofSeconds(60), 1_000_000, 200, 100_000, 60);
        static final Mode QUICK = new Mode("quick", 2, new CountyData.Shape(2, 10, 2_000, 1_000, 10_000),
                30, 2, 2_000, 32, Duration.ofSeconds(8), 20_000, 30, 5_000, 8);

        static Mode named(String name) {
            return "quick".equals(name) ? QUICK : FULL;
        }
    }

    static Report run(Mode mode, Path out, Path portalJar) throws Exception {
        Report report = new Report(mode.name());
        Database db = RealServices.freshDatabase();
        try (ConfigurableApplicationContext ctx = context(db)) {
            if ("http".equals(System.getProperty("xianfeng.bench.only"))) {
                // for working on the HTTP part alone: the data set and the load, nothing else
                new CountyData(ctx.getBean(org.springframework.jdbc.core.JdbcTemplate.class)).generate(mode.shape());
                new HttpLoad(ctx).run(db, portalJar, out.resolve("work"), mode.httpClients(), mode.httpLength(), report);
                report.write(out);
                return report;
            }
            if ("owes".equals(System.getProperty("xianfeng.bench.only"))) {
                // for working on the who-owes-what queries alone, at the mode's scale
                new WhoOwes(ctx).run(mode.shape(), null, mode.latencyRuns(), report);
                report.write(out);
                return report;
            }
            if ("dossier".equals(System.getProperty("xianfeng.bench.only"))) {
                // for working on the dossier alone: one walked case pair (the 25-step case with its scans), then dossiers
                Documents documents = new Documents(ctx);
                documents.dossier(new EnginePath(ctx).run(1, report).dossierCase(), Math.max(10, mode.dossierRuns()), report);
                report.write(out);
                return report;
            }
            if ("engine".equals(System.getProperty("xianfeng.bench.only"))) {
                // for working on the engine path alone: section 1 on a fresh database
                SqlCounter.everyThread(() -> new EnginePath(ctx).run(mode.casePairs(), report));
                report.write(out);
                return report;
            }
            if ("indexing".equals(System.getProperty("xianfeng.bench.only"))) {
                // for working on indexing alone: section 6 on a fresh database
                indexing(ctx, mode, RealServices.elasticsearch().uris().stream().map(URI::toString)
                        .collect(Collectors.joining(",")), report);
                report.write(out);
                return report;
            }
            log("engine path: " + mode.casePairs() + " case pairs");
            EnginePath.Result walked = SqlCounter.everyThread(() -> new EnginePath(ctx).run(mode.casePairs(), report));

            CompletableFuture<String> elasticsearch = CompletableFuture.supplyAsync(() -> RealServices.elasticsearch()
                    .uris().stream().map(URI::toString).collect(Collectors.joining(",")));
            log("who owes what: generating " + mode.shape());
            // the data set is written while Elasticsearch starts; the timings below wait for it to be up
            CountyData.Shape shape = mode.shape();
            WhoOwes owes = new WhoOwes(ctx);
            String uris = elasticsearch.join();
            owes.run(shape, walked.progressApplicant(), mode.latencyRuns(), report);

            Documents documents = new Documents(ctx);
            log("dossier");
            documents.dossier(walked.dossierCase(), mode.dossierRuns(), report);
            log("audit: " + mode.auditEvents() + " events");
            documents.audit(mode.auditEvents(), Math.min(mode.shape().openTasks(), 20_000), report);
            indexing(ctx, mode, uris, report);

            log("HTTP: " + mode.httpClients() + " clients for " + mode.httpLength());
            new HttpLoad(ctx).run(db, portalJar, out.resolve("work"), mode.httpClients(), mode.httpLength(), report);

            log("search: " + mode.searchDocs() + " documents");
            documents.search(uris, shape, mode.searchDocs(), mode.searchQueries(), report);
        }
        Method.describe(report);
        report.write(out);
        log("report written to " + out.resolve("latest.md") + " after " + Math.round(report.elapsedSeconds()) + " s");
        return report;
    }

    /** Section 6: appends with indexing on both stores, the rebuild against raw bulk, verification warm. */
    private static void indexing(ConfigurableApplicationContext ctx, Mode mode, String uris, Report report)
            throws Exception {
        Indexing indexing = new Indexing(ctx);
        log("indexing: " + mode.indexingCases() + " cases, appends of " + mode.appendSeconds() + " s");
        java.util.List<String> cases = indexing.corpus(mode.indexingCases());
        indexing.append("PostgreSQL search", cases, mode.appendSeconds(), 1500, indexing.postgres(), report);
        cn.xianfeng.search.internal.SearchIndex es = cn.xianfeng.search.internal.BenchIndex.elasticsearch(uris,
                "bench-live", ctx.getBean(org.springframework.jdbc.core.simple.JdbcClient.class));
        es.clear();
        cn.xianfeng.search.internal.BenchIndex.contextIndexer(ctx, false);
        try (AutoCloseable live = cn.xianfeng.search.internal.BenchIndex.indexer(ctx, es)) {
            indexing.append("Elasticsearch", cases, mode.appendSeconds(), 1500,
                    Indexing.elasticsearch(URI.create(uris.split(",")[0]), "bench-live"), report);
        } finally {
            cn.xianfeng.search.internal.BenchIndex.contextIndexer(ctx, true);
        }
        log("indexing: rebuild against raw bulk");
        indexing.rebuildAgainstRaw(uris, report);
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
                            "logging.level.root", "WARN")));
                })
                .run();
    }

    static void log(String what) {
        System.out.println("[bench] " + what);
    }
}
