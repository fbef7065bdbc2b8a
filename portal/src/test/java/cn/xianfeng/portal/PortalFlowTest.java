package cn.xianfeng.portal;

import cn.xianfeng.testing.RealServicesInitializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation's promise, over real HTTP against real PostgreSQL and Elasticsearch: a demo secretary signs in,
 * sees the demo report, submits bad data (errors shown, nothing changed), then good data (the case moves on and
 * its history shows it); the API answers 401, 403 and 409 as the contract says; the auditor finds it by search.
 */
@org.junit.jupiter.api.parallel.ResourceLock("elasticsearch")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "xianfeng.demo-password=demo-2026")
@ContextConfiguration(initializers = RealServicesInitializer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalFlowTest {

    static final String DEMO = "demo-2026";
    static final Pattern TASK_LINK = Pattern.compile("href=\"/tasks/([0-9a-f-]{36})\">支部书记审核<");

    @LocalServerPort
    int port;

    @Test
    @Order(1)
    void theSecretaryRejectsBadDataThenCompletesTheReviewAndTheCaseMovesOn() throws Exception {
        assertThat(Browserless.api(port, "GET", "/actuator/health", null, null, null).body()).contains("\"UP\"");
        Browserless secretary = new Browserless(port);
        HttpResponse<String> login = secretary.login("zhangsan", DEMO);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/tasks");

        String tasks = secretary.get("/tasks").body();
        assertThat(tasks).contains("2026年第三季度学习情况报告").contains("支部书记审核");
        Matcher link = TASK_LINK.matcher(tasks);
        assertThat(link.find()).isTrue();
        String taskId = link.group(1);
        assertThat(secretary.get("/tasks/" + taskId).body()).contains("审核意见").contains("不同意，不予通过，流程结束");

        HttpResponse<String> bad = secretary.post("/tasks/" + taskId, Map.of("decision", "REJECT"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("error-summary").contains("理由：必填").contains("aria-invalid=\"true\"");
        assertThat(Browserless.api(port, "GET", "/api/tasks/" + taskId, "zhangsan", DEMO, null).statusCode())
                .isEqualTo(200);

        HttpResponse<String> good = secretary.post("/tasks/" + taskId, Map.of("decision", "APPROVE", "comment", "同意，报组织员归档"));
        assertThat(good.statusCode()).isEqualTo(302);
        String caseUrl = good.headers().firstValue("Location").orElseThrow();
        String casePage = secretary.get(caseUrl.replaceFirst("^https?://[^/]+", "")).body();
        assertThat(casePage).contains("上级党委归档").contains("办结任务").contains("同意，报组织员归档");

        HttpResponse<String> again = Browserless.api(port, "POST", "/api/tasks/" + taskId + "/complete", "zhangsan", DEMO,
                "{\"data\":{\"decision\":\"APPROVE\"}}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    }

    @Test
    @Order(2)
    void theApiAnswers401WithoutCredentials403WithoutTheRoleAnd400WithEveryBadField() throws Exception {
        assertThat(Browserless.api(port, "GET", "/api/tasks", null, null, null).statusCode()).isEqualTo(401);

        HttpResponse<String> started = Browserless.api(port, "POST", "/api/cases", "sunqi", DEMO,
                "{\"process\":\"report\",\"data\":{\"title\":\"组织生活情况\",\"content\":\"按时参加\",\"reportDate\":\"2026-01-05\"}}");
        assertThat(started.statusCode()).isEqualTo(201);
        String caseId = started.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        String view = Browserless.api(port, "GET", "/api/cases/" + caseId, "zhangsan", DEMO, null).body();
        String taskId = view.replaceAll(".*\"taskId\":\"([^\"]+)\".*", "$1");

        HttpResponse<String> forbidden = Browserless.api(port, "POST", "/api/tasks/" + taskId + "/complete", "lisi", DEMO,
                "{\"data\":{\"decision\":\"APPROVE\"}}");
        assertThat(forbidden.statusCode()).isEqualTo(403);

        HttpResponse<String> invalid = Browserless.api(port, "POST", "/api/tasks/" + taskId + "/complete", "zhangsan", DEMO,
                "{\"data\":{\"decision\":\"MAYBE\",\"extra\":1}}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"field\":\"data.decision\"").contains("\"field\":\"data.extra\"");

        assertThat(Browserless.api(port, "POST", "/api/tasks/" + taskId + "/remind", "sunqi", DEMO,
                "{\"message\":\"请尽快审核\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> again = Browserless.api(port, "POST", "/api/tasks/" + taskId + "/remind", "sunqi", DEMO, "{}");
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.body()).contains("今天已催办");

        HttpResponse<String> broken = Browserless.api(port, "POST", "/api/cases", "sunqi", DEMO, "{\"process\":");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).doesNotContain("Exception").doesNotContain("at cn.");
    }

    @Test
    @Order(3)
    void theAuditorFindsTheCommentInElasticsearchAndTheChainVerifies() throws Exception {
        // indexing runs after the commit; on a loaded machine it may take a while. The audit event that carries the
        // comment (its case's document, which gathers comments, matches too)
        String found = cn.xianfeng.testing.Await.until("the comment indexed in Elasticsearch", () -> Browserless.api(port,
                "GET", "/api/search?kind=AUDIT&q=" + java.net.URLEncoder.encode("报组织员归档", "UTF-8"), "huangli", DEMO,
                null).body(), body -> body.contains("\"total\":1"));
        assertThat(found).contains("\"total\":1").contains("<em>");
        assertThat(Browserless.api(port, "GET", "/api/search?q=x", "zhaoliu", DEMO, null).statusCode()).isEqualTo(403);
        assertThat(Browserless.api(port, "GET", "/api/audit/verify", "huangli", DEMO, null).body())
                .contains("\"valid\":true");
    }
}
