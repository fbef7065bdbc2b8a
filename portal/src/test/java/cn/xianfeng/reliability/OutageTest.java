package cn.xianfeng.reliability;

import cn.xianfeng.testing.Elasticsearch;
import cn.xianfeng.testing.RealServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One portal process under load while its services go away: Elasticsearch stopped for a window (requests go on,
 * the index catches up afterwards), then PostgreSQL stopped and started again (requests during the outage get a
 * clean 503 and change nothing; the same portal process answers again once the database is back).
 * Windows: -Dxianfeng.es-outage-seconds (10), -Dxianfeng.db-outage-seconds (8).
 */
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.parallel.ResourceLock(PortalProcess.LANE)
@org.junit.jupiter.api.parallel.ResourceLock("elasticsearch")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutageTest {

    static final Duration ES_WINDOW = Duration.ofSeconds(Long.getLong("xianfeng.es-outage-seconds", 10));
    static final Duration DB_WINDOW = Duration.ofSeconds(Long.getLong("xianfeng.db-outage-seconds", 8));
    static final int THREADS = 8;
    static final String ADMIN_PASSWORD = "outage-test-admin";

    Elasticsearch es;
    OutagePostgres pg;
    PortalProcess portal;
    Consistency check;
    String index;

    @BeforeAll
    void start() throws Exception {
        es = RealServices.elasticsearch();
        pg = OutagePostgres.start(Files.createTempDirectory("xianfeng-outage-pg"));
        check = new Consistency(pg.jdbcUrl(), "postgres", "postgres");
        index = "outage-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        portal = PortalProcess.start(PortalProcess.freePort(), Map.of("SPRING_DATASOURCE_URL", pg.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", "postgres", "SPRING_DATASOURCE_PASSWORD", "postgres",
                "XIANFENG_ADMIN_PASSWORD", ADMIN_PASSWORD, "XIANFENG_DEMO", "true",
                "XIANFENG_ELASTICSEARCH_URIS", es.uri().toString(),
                "XIANFENG_DATA_DIR", Path.of("target", "outage-test", "data").toAbsolutePath().toString()),
                List.of("--xianfeng.elasticsearch.index=" + index,
                        // a request during an outage waits 2 s for a connection, not Hikari's default 30 s
                        "--spring.datasource.hikari.connection-timeout=2000"),
                Path.of("target", "outage-test", "portal.log"));
    }

    @AfterAll
    void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    @Order(1)
    void withElasticsearchDownRequestsSucceedAndTheIndexCatchesUp() throws Exception {
        ReportLoad load = new ReportLoad(portal.port).start(THREADS, "es");
        Thread.sleep(2000);
        try {
            es.stop();
        } catch (UnsupportedOperationException e) {
            load.stop();
            Assumptions.abort("Elasticsearch is not managed by the tests: " + e.getMessage());
        }
        long stopped = System.nanoTime();
        Thread.sleep(ES_WINDOW.toMillis());
        // the load ends with the window: on a busy 2-core machine Elasticsearch starts far faster without it
        load.stop();
        es.start();
        long down = Duration.ofNanos(System.nanoTime() - stopped).toMillis();

        assertThat(load.refusals).isEmpty();
        assertThat(load.statuses.keySet()).as("statuses while Elasticsearch was down").containsOnly(200, 201);
        assertThat(load.brokenConnections.get()).isZero();
        assertThat(check.lostCases(load.createdCases)).isEmpty();
        assertThat(check.lostCompletions(load.completedTasks)).isEmpty();
        assertThat(check.halfMovedCases()).isEmpty();
        // every audit event, case and task: what a rebuild from PostgreSQL would load
        Duration caughtUp = Eventually.within(Duration.ofMinutes(3), "every audit event, case and task in Elasticsearch",
                () -> indexed() == check.single("select count(*) from audit_event")
                        + check.single("select count(*) from case_record")
                        + check.single("select count(*) from act_hi_taskinst t join case_record c on c.id = t.proc_inst_id_"));
        CrashTest.assertAuditChainVerifies(portal.port, ADMIN_PASSWORD);
        System.out.printf("Elasticsearch outage: down %d ms (window %d s) under %d threads; %d requests, all 2xx "
                        + "(%d cases, %d completions); index caught up %d ms after it was back: %d documents = audit events + cases + tasks%n",
                down, ES_WINDOW.toSeconds(), THREADS, load.total(), load.createdCases.size(), load.completedTasks.size(),
                caughtUp.toMillis(), indexed());
    }

    @Test
    @Order(2)
    void withPostgresRestartedRequestsGet503ChangeNothingAndThePortalRecovers() throws Exception {
        long reportsBefore = check.single("select count(*) from case_record where process_key = 'report'");
        ReportLoad load = new ReportLoad(portal.port).start(THREADS, "db");
        Probes probes = new Probes(portal.port);
        Thread.sleep(2000);
        long stopped = System.nanoTime();
        pg.stop();
        Thread.sleep(DB_WINDOW.toMillis());
        pg.restart();
        long down = Duration.ofNanos(System.nanoTime() - stopped).toMillis();
        long restarted = System.nanoTime();
        Duration recovered = Eventually.within(Duration.ofMinutes(2), "a 2xx from the same portal process",
                () -> PortalClient.basic(portal.port, "heming", PortalClient.DEMO, "GET", "/api/tasks?scope=todo&size=1",
                        null).statusCode() == 200 && load.lastSuccessNanos.get() > restarted);
        Thread.sleep(3000);
        load.stop();
        probes.stop();

        assertThat(load.serverErrors).as("5xx other than 503").isEmpty();
        assertThat(probes.unexpected).as("probe replies other than success or 503").isEmpty();
        // A completion that committed just before PostgreSQL went away answers 2xx even though its session's last
        // access could not be saved (OutageTolerantSessions): no 503 for work that was done, so no retry and no 409.
        assertThat(load.refusals).as("refusals (a retried completion that had committed would be a 409)").isEmpty();
        assertThat(load.statuses.keySet()).as("load statuses").contains(200, 503).isSubsetOf(200, 201, 503);
        assertThat(load.count(503)).as("503s during the outage").isPositive();
        assertThat(probes.count("basic", 503)).as("HTTP Basic during the outage").isPositive();
        assertThat(probes.count("page", 503)).as("pages during the outage").isPositive();
        assertThat(load.brokenConnections.get()).isZero();
        List<String> replies = new java.util.ArrayList<>(load.unavailableReplies);
        replies.addAll(probes.unavailableBodies);
        for (String reply : replies) {
            assertThat(reply).doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("sql")
                    .doesNotContain("org.postgresql").doesNotContain("at cn.").doesNotContain("at org.");
        }
        assertThat(load.unavailableReplies).allMatch(r -> r.startsWith("application/problem+json") && r.contains("\"status\":503"));

        // a refused attempt changed nothing: a task is done exactly when one attempt got a 2xx
        assertThat(check.completedAmong(load.attempts.keySet())).containsExactlyInAnyOrderElementsOf(load.completedTasks);
        assertThat(load.attempts.values()).allMatch(statuses -> statuses.stream().filter(s -> s / 100 == 2).count() <= 1);
        assertThat(check.single("select count(*) from case_record where process_key = 'report'"))
                .as("cases: one per 201").isEqualTo(reportsBefore + load.createdCases.size());
        assertThat(check.lostCases(load.createdCases)).isEmpty();
        assertThat(check.lostCompletions(load.completedTasks)).isEmpty();
        assertThat(check.halfMovedCases()).isEmpty();
        CrashTest.assertAuditChainVerifies(portal.port, ADMIN_PASSWORD);
        System.out.printf("PostgreSQL outage: down %d ms (window %d s) under %d threads + probes; load: %d requests, "
                        + "%d 2xx, %d 503; probes: basic %s, page %s, login %s; 2xx again %d ms after the restart; "
                        + "0 lost, 0 doubles, 0 500s%n", down, DB_WINDOW.toSeconds(), THREADS, load.total(),
                load.count(200) + load.count(201), load.count(503), probes.statuses.get("basic"),
                probes.statuses.get("page"), probes.statuses.get("login"), recovered.toMillis());
    }

    private long indexed() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(es.uri() + "/" + index + "/_count")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(r.body());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
