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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 接诉即办 through the pages over real HTTP: a citizen files on the public page without signing in, the demo
 * dispatcher xuqiang routes it to 城关社区党支部, its secretary zhangsan responds, handles and replies, and the
 * citizen evaluates with the tracking code. Also the public API's hourly limit per address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw", "xianfeng.clock.adjustable=true",
        "flowable.async-executor-activate=false"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class ComplaintPagesTest {

    static final String DEMO = "demo-2026";
    static final String PHONE = "13700001234";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private Browserless signedIn(String user) throws Exception {
        Browserless b = new Browserless(port);
        assertThat(b.login(user, DEMO).statusCode()).isEqualTo(302);
        return b;
    }

    private JsonNode todo(String user, String caseId, String step) throws Exception {
        JsonNode items = JSON.readTree(Browserless.api(port, "GET", "/api/tasks?scope=todo&process=complaint&size=100",
                user, DEMO, null).body()).get("items");
        for (JsonNode t : items) {
            if (t.get("caseId").asText().equals(caseId) && t.get("stepId").asText().equals(step)) {
                return t;
            }
        }
        throw new AssertionError(user + " has no " + step + " of " + caseId + " in " + items);
    }

    private void completeOnPage(Browserless b, String user, String caseId, String step, Map<String, String> form)
            throws Exception {
        String taskId = todo(user, caseId, step).get("id").asText();
        HttpResponse<String> page = b.get("/tasks/" + taskId);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).as("the task page of " + user).doesNotContain(PHONE);
        HttpResponse<String> done = b.post("/tasks/" + taskId, form);
        assertThat(done.statusCode()).as(step + ": " + done.body().replaceAll("(?s).*error-summary(.{0,400}).*", "$1"))
                .isEqualTo(302);
    }

    @Test
    void aCitizenFilesADispatcherRoutesABranchHandlesAndTheCitizenEvaluates() throws Exception {
        Browserless citizen = new Browserless(port);
        HttpResponse<String> form = citizen.get("/public/complaints");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"contactPhone\"").contains("name=\"website\"");
        String title = "东门路灯不亮 " + System.nanoTime();
        HttpResponse<String> filed = citizen.post("/public/complaints", Map.of("category", "COMMUNITY_SERVICE",
                "title", title, "content", "路灯坏了两周", "location", "东门", "contactName", "李大爷",
                "contactPhone", PHONE, "website", ""));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        String location = filed.headers().firstValue("Location").orElseThrow();
        String code = location.replaceAll(".*/public/complaints/([A-Z0-9]+).*", "$1");
        assertThat(citizen.get("/public/complaints/" + code).body()).contains(code).contains("已受理");
        String caseId = jdbc.sql("select case_id from complaint where tracking_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')").param(code)
                .query(String.class).single();

        Browserless xuqiang = signedIn("xuqiang");
        assertThat(xuqiang.get("/complaints/" + caseId).body()).as("the dispatcher sees the contact").contains(PHONE);
        assertThat(todo("xuqiang", caseId, "dispatch").get("candidates").toString()).contains("DISPATCHER@C01");
        HttpResponse<String> dispatchPage = xuqiang.get("/tasks/" + todo("xuqiang", caseId, "dispatch").get("id").asText());
        assertThat(dispatchPage.body()).contains(title);
        assertThat(xuqiang.post("/tasks/" + todo("xuqiang", caseId, "dispatch").get("id").asText(),
                Map.of("handlerOrg", "C01-T1-B1")).statusCode()).isEqualTo(302);

        Browserless zhangsan = signedIn("zhangsan");
        String respondPage = zhangsan.get("/tasks/" + todo("zhangsan", caseId, "respond").get("id").asText()).body();
        assertThat(respondPage).contains("137****1234").doesNotContain(PHONE);
        completeOnPage(zhangsan, "zhangsan", caseId, "respond", Map.of("response", "已电话联系李大爷"));
        completeOnPage(zhangsan, "zhangsan", caseId, "handle", Map.of("result", "RESOLVED", "handling", "已更换灯泡"));
        completeOnPage(zhangsan, "zhangsan", caseId, "reply", Map.of("reply", "路灯已修复，谢谢您的监督"));
        assertThat(zhangsan.get("/cases/" + caseId).body()).doesNotContain(PHONE);
        assertThat(zhangsan.get("/complaints/" + caseId).body()).contains("137****1234").doesNotContain(PHONE);

        String status = citizen.get("/public/complaints/" + code).body();
        assertThat(status).contains("路灯已修复，谢谢您的监督").contains("name=\"rating\"").doesNotContain("张三");
        HttpResponse<String> evaluated = citizen.post("/public/complaints/" + code + "/evaluation",
                Map.of("rating", "SATISFIED", "comment", "很满意"));
        assertThat(evaluated.statusCode()).isEqualTo(302);
        assertThat(citizen.get("/public/complaints/" + code).body()).contains("已办结").doesNotContain("name=\"rating\"");

        HttpResponse<String> pdf = Browserless.api(port, "GET", "/api/cases/" + caseId + "/closure.pdf", "zhangsan", DEMO, null);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.body()).startsWith("%PDF-");
        JsonNode rates = JSON.readTree(Browserless.api(port, "GET", "/api/complaints/rates?org=C01-T1-B1", "yangfan", DEMO,
                null).body());
        assertThat(rates.get("counts").get("received").asLong()).isPositive();
        assertThat(rates.get("satisfactionRate").asDouble()).isPositive();
        Browserless yangfan = signedIn("yangfan");
        // linked under content-fingerprinted URLs (StaticAssetsTest)
        assertThat(yangfan.get("/complaints/dashboard?org=C01").body())
                .containsPattern("/webjars/echarts/5.3.1/dist/echarts.min-[0-9a-f]{32}\\.js")
                .containsPattern("/js/complaint-rates-[0-9a-f]{32}\\.js");
        assertThat(yangfan.get("/webjars/echarts/5.3.1/dist/echarts.min.js").statusCode()).isEqualTo(200);
    }

    @Test
    void thePublicFormKeepsWhatWasTypedAndNamesTheBadFields() throws Exception {
        Browserless citizen = new Browserless(port);
        citizen.get("/public/complaints");
        HttpResponse<String> refused = citizen.post("/public/complaints", Map.of("category", "COMMUNITY_SERVICE",
                "title", "", "content", "内容", "contactPhone", "12345"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("f-title").contains("f-contactPhone").contains("内容");
    }

    @Test
    void theTwentyFirstIntakeFromOneAddressWithinTheHourGets429() throws Exception {
        jdbc.sql("delete from complaint_intake where address = '127.0.0.1'").update();
        String body = "{\"category\":\"OTHER\",\"title\":\"噪音\",\"content\":\"夜间施工\",\"anonymous\":true}";
        for (int i = 1; i <= 20; i++) {
            HttpResponse<String> r = Browserless.api(port, "POST", "/api/public/complaints", null, null, body);
            assertThat(r.statusCode()).as("intake %d: %s", i, r.body()).isEqualTo(201);
            assertThat(r.body()).contains("trackingCode");
        }
        HttpResponse<String> refused = Browserless.api(port, "POST", "/api/public/complaints", null, null, body);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(refused.body()).contains("\"status\":429");
        jdbc.sql("delete from complaint_intake where address = '127.0.0.1'").update();
    }

    @Test
    void aTrackingCodeShowsNoContactAndAnUnknownOneIs404() throws Exception {
        jdbc.sql("delete from complaint_intake where address = '127.0.0.1'").update();
        HttpResponse<String> filed = Browserless.api(port, "POST", "/api/public/complaints", null, null,
                "{\"category\":\"OTHER\",\"title\":\"t\",\"content\":\"c\",\"anonymous\":false,\"contactName\":\"赵\","
                        + "\"contactPhone\":\"" + PHONE + "\"}");
        assertThat(filed.statusCode()).isEqualTo(201);
        String code = JSON.readTree(filed.body()).get("trackingCode").asText();
        HttpResponse<String> tracked = Browserless.api(port, "GET", "/api/public/complaints/" + code, null, null, null);
        assertThat(tracked.statusCode()).isEqualTo(200);
        assertThat(tracked.body()).contains("RECEIVED").doesNotContain(PHONE).doesNotContain("赵");
        assertThat(Browserless.api(port, "GET", "/api/public/complaints/NOSUCHCODE", null, null, null).statusCode())
                .isEqualTo(404);
        assertThat(Browserless.api(port, "POST", "/api/public/complaints/" + code + "/evaluation", null, null,
                "{\"rating\":\"SATISFIED\"}").statusCode()).as("not waiting for an evaluation").isEqualTo(409);
        assertThat(URLEncoder.encode(code, StandardCharsets.UTF_8)).isEqualTo(code);
    }
}
