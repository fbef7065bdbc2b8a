package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search index rebuild over HTTP without a browser: the admin API (202, progress, 409 while running, 403, 401),
 * the admin page with its htmx-polled progress, and /api/search refusing bad parameters with field messages.
 * One document per batch and a few thousand generated cases make the rebuild last long enough to meet it running.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw", "flowable.async-executor-activate=false",
        "xianfeng.search.reindex-batch=1"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class SearchAdminTest {

    static final String DEMO = Fixtures.DEMO;
    static final String API = "/api/admin/search/reindex";
    static final String ADMIN_PASSWORD = "admin-test-pw";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void anAdministratorRebuildsTheIndexAndWatchesItsProgress() throws Exception {
        assertThat(call("GET", API, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", API, "zhangsan").statusCode()).isEqualTo(403);
        assertThat(call("POST", API, "zhangsan").statusCode()).isEqualTo(403);
        assertThat(call("POST", API, "heming").statusCode()).as("an ADMIN of the county: rebuilding is global").isEqualTo(403);
        assertThat(body(call("GET", API, "admin")).get("phase").asText()).isEqualTo("IDLE");
        generateCases(1_000);
        // signed in before the rebuild starts: on a loaded machine a sign-in (BCrypt) can outlast the whole rebuild
        Browserless admin = new Browserless(port);
        admin.login("admin", ADMIN_PASSWORD);
        Browserless watcher = new Browserless(port); // its own session, polling beside the checks below
        watcher.login("admin", ADMIN_PASSWORD);

        HttpResponse<String> started = call("POST", API, "admin");
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(body(started).get("running").asBoolean()).isTrue();
        // progress watched from the moment it started, beside the checks below
        List<Long> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CompletableFuture<JsonNode> watched = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                // a signed-in session: a basic-auth call checks the password (BCrypt) every time, slower than a batch
                JsonNode p = body(watcher.get(API));
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (p.get("running").asBoolean() && System.nanoTime() < deadline) {
                    seen.add(p.get("done").asLong());
                    Thread.sleep(20);
                    p = body(watcher.get(API));
                }
                return p;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpResponse<String> page = admin.get("/admin/search");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("hx-get=\"/admin/search/progress\"").contains("hx-trigger=\"every 1s\"")
                .contains("<progress").doesNotContain("<script>");
        assertThat(admin.post("/admin/search/reindex", Map.of()).statusCode()).as("the page's button meanwhile")
                .isEqualTo(409);
        HttpResponse<String> again = call("POST", API, "admin");
        assertThat(again.statusCode()).as("a second rebuild while one runs").isEqualTo(409);
        assertThat(again.body()).contains("索引重建正在运行");

        JsonNode progress = watched.get(3, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(progress.get("phase").asText()).isEqualTo("DONE");
        assertThat(seen.stream().distinct().count()).as("progress observed while running").isGreaterThanOrEqualTo(2);
        assertThat(seen).isSorted();
        long expected = count("select count(*) from audit_event") + count("select count(*) from case_record")
                + count("select count(*) from act_hi_taskinst t join case_record c on c.id = t.proc_inst_id_");
        assertThat(progress.get("done").asLong()).isEqualTo(progress.get("total").asLong()).isEqualTo(expected);
        assertThat(progress.get("indexed").asLong()).isEqualTo(expected);
        assertThat(progress.get("expected").asLong()).isEqualTo(expected);

        HttpResponse<String> finished = admin.get("/admin/search/progress");
        assertThat(finished.body()).as("polling stops when done").doesNotContain("hx-trigger").contains("已完成");
        HttpResponse<String> button = admin.post("/admin/search/reindex", Map.of());
        assertThat(button.statusCode()).isEqualTo(302);
        assertThat(button.headers().firstValue("Location").orElse("")).endsWith("/admin/search");

        assertThat(admin.get("/tasks").body()).contains("href=\"/admin/search\"");
        Browserless secretary = new Browserless(port);
        secretary.login("zhangsan", DEMO);
        assertThat(secretary.get("/tasks").body()).doesNotContain("href=\"/admin/search\"");
        assertThat(secretary.get("/admin/search").statusCode()).isEqualTo(403);
    }

    @Test
    void searchRefusesBadParametersNamingEachField() throws Exception {
        HttpResponse<String> bad = call("GET", "/api/search?kind=FOO&from=2026-13-01&to=x&page=-1&size=z", "huangli");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(body(bad).get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("kind", "from", "to", "page", "size");
        HttpResponse<String> reversed = call("GET", "/api/search?from=2026-03-02&to=2026-03-01", "huangli");
        assertThat(body(reversed).get("errors").findValuesAsText("field")).containsExactly("to");
        HttpResponse<String> longQuery = call("GET", "/api/search?q=" + encode("长".repeat(201)), "huangli");
        assertThat(longQuery.statusCode()).isEqualTo(400);
        assertThat(body(longQuery).get("errors").findValuesAsText("field")).containsExactly("q");

        HttpResponse<String> cases = call("GET", "/api/search?kind=CASE&size=50", "huangli");
        assertThat(cases.statusCode()).isEqualTo(200);
        JsonNode result = body(cases);
        assertThat(result.get("facets").fieldNames()).toIterable().contains("kind", "process", "action", "org", "actor");
        result.get("items").forEach(i -> assertThat(i.get("kind").asText()).isEqualTo("CASE"));
    }

    /** Cases of the demo branch written set-based, each with one audit event, so the rebuild has work to do. */
    private void generateCases(int n) {
        jdbc.sql("""
                insert into case_record (id, process_key, subject, org_code, org_path, starter, status, started_at)
                select 'gen-' || i, 'report', '批量情况报告' || i, o.code, o.path, 'zhaoliu', 'ACTIVE', now()
                  from generate_series(1, ?) i cross join org_unit o where o.code = 'C01-T1-B1'""").param(n).update();
        jdbc.sql("""
                insert into audit_event (chain, seq, at, actor, org_code, action, case_id, data, data_digest,
                                         prev_hash, hash)
                select id, 1, now(), 'zhaoliu', org_code, 'CASE_STARTED', id, '{}'::jsonb, 'd', 'p', md5(id)
                  from case_record where id like 'gen-%'""").update();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private HttpResponse<String> call(String method, String path, String user) throws Exception {
        return Browserless.api(port, method, path, user, user == null ? null : "admin".equals(user) ? ADMIN_PASSWORD : DEMO,
                null);
    }

    private JsonNode body(HttpResponse<String> r) throws Exception {
        return json.readTree(r.body());
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
