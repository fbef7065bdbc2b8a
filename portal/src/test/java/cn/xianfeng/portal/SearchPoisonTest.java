package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14.4 as an attacker tries it, over HTTP: failed sign-ins with a 65- and a 10,000-character user name once
 * broke search for good (an index column of 64 characters, the event retried forever, a rebuild that cleared the
 * index and then failed). Now the index takes what the audit trail holds, search and a rebuild work with the totals
 * intact; and an event the index does refuse (a real check constraint here) ends as a dead letter that
 * administrators see on the page, in the API and in the metric, and retry once the cause is gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=poison-test-admin",
        "flowable.async-executor-activate=false",
        "xianfeng.search.poll-interval=PT0.1S", "xianfeng.search.max-attempts=2", "xianfeng.search.retry-delay=PT0.1S"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class SearchPoisonTest {

    static final String DEMO = Fixtures.DEMO;

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired MeterRegistry meters;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void overlongUserNamesAtSignInBreakNeitherSearchNorARebuild() throws Exception {
        String name65 = "a".repeat(65);
        String name10k = "攻".repeat(10_000);
        for (String name : List.of(name65, name10k)) {
            HttpResponse<String> login = new Browserless(port).login(name, "wrong-password");
            assertThat(login.statusCode()).as("a failed sign-in, not a 5xx").isLessThan(500);
        }
        waitFor(() -> indexed() == expected(), "every audit event, case and task indexed");
        TreeSet<String> stored = new TreeSet<>(jdbc.sql("select actor from audit_event where action = 'LOGIN_FAILED'")
                .query(String.class).list());
        // a name that is no account is never stored as typed (issue 14.16): the trail says "anonymous"
        assertThat(stored).as("what the audit trail recorded").contains("anonymous").doesNotContain(name65, name10k);

        assertThat(failedSignInActors()).as("the index holds the same actors").isEqualTo(stored);
        // events without an org are the bootstrap administrator's to read
        JsonNode failed = body(superuser("/api/search?kind=AUDIT&action=LOGIN_FAILED&size=50"));
        List<String> actors = new java.util.ArrayList<>();
        failed.get("items").forEach(i -> actors.add(i.get("actor").asText()));
        assertThat(new TreeSet<>(actors)).as("found by search, whole").isEqualTo(stored);
        long total = body(superuser("/api/search?size=1")).get("total").asLong();

        HttpResponse<String> started = asSuperuser("POST", "/api/admin/search/reindex");
        assertThat(started.statusCode()).isEqualTo(202);
        JsonNode progress = body(asSuperuser("GET", "/api/admin/search/reindex"));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (progress.get("running").asBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            progress = body(asSuperuser("GET", "/api/admin/search/reindex"));
        }
        assertThat(progress.get("phase").asText()).as(progress.toString()).isEqualTo("DONE");
        assertThat(progress.get("refused").asLong()).isZero();
        assertThat(progress.get("indexed").asLong()).isEqualTo(progress.get("expected").asLong()).isEqualTo(expected());
        assertThat(body(superuser("/api/search?size=1")).get("total").asLong()).as("totals intact").isEqualTo(total);
        assertThat(failedSignInActors()).isEqualTo(stored);
    }

    @Test
    void anEventTheIndexKeepsRefusingIsADeadLetterAdministratorsSeeAndRetry() throws Exception {
        // the failed sign-in of a name that is no account is recorded as "anonymous" (issue 14.16): that is the poison
        jdbc.sql("alter table search_document add constraint no_poison check (actor is distinct from 'anonymous')")
                .update();
        new Browserless(port).login("poison-user", "wrong-password");
        long event = jdbc.sql("select max(id) from audit_event where actor = 'anonymous' and action = 'LOGIN_FAILED'")
                .query(Long.class).single();
        waitFor(() -> deadLetters().size() == 1, "a dead letter after the last attempt");
        JsonNode dead = deadLetters().get(0);
        assertThat(dead.get("eventId").asLong()).isEqualTo(event);
        assertThat(dead.get("attempts").asInt()).isEqualTo(2);
        assertThat(dead.get("reason").asText()).contains("no_poison");
        assertThat(meters.get("xianfeng.search.dead.letters").gauge().value()).isEqualTo(1.0);
        assertThat(call("GET", "/api/admin/search/dead-letters", "zhangsan").statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/admin/search/dead-letters", "huangli").statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/admin/search/dead-letters/" + event + "/retry", "zhangsan").statusCode())
                .isEqualTo(403);

        assertThat(call("GET", "/api/admin/search/dead-letters", "heming").statusCode())
                .as("an ADMIN of the county: the index is global").isEqualTo(403);
        Browserless admin = new Browserless(port);
        admin.login("admin", "poison-test-admin");
        HttpResponse<String> page = admin.get("/admin/search");
        assertThat(page.body()).contains("id=\"dead-letters\"").contains("#" + event)
                .contains("/admin/search/dead-letters/" + event + "/retry").contains("登录失败");
        Browserless secretary = new Browserless(port);
        secretary.login("zhangsan", DEMO);
        assertThat(secretary.post("/admin/search/dead-letters/" + event + "/retry", Map.of()).statusCode())
                .isEqualTo(403);

        jdbc.sql("alter table search_document drop constraint no_poison").update();
        HttpResponse<String> retried = admin.post("/admin/search/dead-letters/" + event + "/retry", Map.of());
        assertThat(retried.statusCode()).isEqualTo(302);
        waitFor(() -> deadLetters().isEmpty() && indexed("audit-" + event), "indexed once retried");
        assertThat(meters.get("xianfeng.search.dead.letters").gauge().value()).isZero();
        assertThat(asSuperuser("POST", "/api/admin/search/dead-letters/" + event + "/retry").statusCode())
                .as("no longer a dead letter").isEqualTo(404);
        assertThat(admin.get("/admin/search").body()).contains("没有死信");
    }

    private List<JsonNode> deadLetters() {
        try {
            HttpResponse<String> r = asSuperuser("GET", "/api/admin/search/dead-letters");
            assertThat(r.statusCode()).isEqualTo(200);
            List<JsonNode> out = new java.util.ArrayList<>();
            body(r).forEach(out::add);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private TreeSet<String> failedSignInActors() {
        return new TreeSet<>(jdbc.sql("select actor from search_document where kind = 'AUDIT' and action = 'LOGIN_FAILED'")
                .query(String.class).list());
    }

    private boolean indexed(String id) {
        return jdbc.sql("select count(*) from search_document where id = ?").param(id).query(Long.class).single() == 1;
    }

    private long indexed() {
        return jdbc.sql("select count(*) from search_document").query(Long.class).single();
    }

    private long expected() {
        return jdbc.sql("""
                select (select count(*) from audit_event) + (select count(*) from case_record)
                     + (select count(*) from act_hi_taskinst t join case_record c on c.id = t.proc_inst_id_)""")
                .query(Long.class).single();
    }

    private HttpResponse<String> superuser(String path) throws Exception {
        HttpResponse<String> r = Browserless.api(port, "GET", path, "admin", "poison-test-admin", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    private HttpResponse<String> asSuperuser(String method, String path) throws Exception {
        return Browserless.api(port, method, path, "admin", "poison-test-admin", null);
    }

    private HttpResponse<String> call(String method, String path, String user) throws Exception {
        return Browserless.api(port, method, path, user, user == null ? null : DEMO, null);
    }

    private JsonNode body(HttpResponse<String> r) throws Exception {
        return json.readTree(r.body());
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out: " + what);
    }
}
