package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo transfer of 钱十 through the pages, each step posted by the demo account that owes it: 张三 checks, the
 * township's 陈一 issues the letter, 河口乡's 刘二 and the receiving secretary 郑十 accept, 钱十 reports in and sees
 * the letter, the receipt closes the case, and her record shows the new branch's group.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw", "xianfeng.clock.adjustable=true",
        "flowable.async-executor-activate=false"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class TransferPagesTest {

    static final String DEMO = "demo-2026";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    final Map<String, Browserless> browsers = new HashMap<>();

    Browserless as(String user) throws Exception {
        if (!browsers.containsKey(user)) {
            Browserless b = new Browserless(port);
            assertThat(b.login(user, DEMO).statusCode()).isEqualTo(302);
            browsers.put(user, b);
        }
        return browsers.get(user);
    }

    JsonNode api(String path, String user, String password) throws Exception {
        HttpResponse<String> r = Browserless.api(port, "GET", path, user, password, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Today as the server's (maybe moved) clock has it: other page tests share this context and move it. */
    LocalDate today() throws Exception {
        return Instant.parse(api("/api/admin/clock", "admin", "admin-test-pw").get("now").asText())
                .atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
    }

    String taskAt(String caseId, String step) throws Exception {
        for (JsonNode s : api("/api/cases/" + caseId, "admin", "admin-test-pw").get("current")) {
            if (s.get("stepId").asText().equals(step)) {
                return s.get("taskId").asText();
            }
        }
        throw new AssertionError(step + " is not current in " + caseId);
    }

    void submit(String caseId, String step, String user, Map<String, String> form) throws Exception {
        String task = taskAt(caseId, step);
        Browserless b = as(user);
        assertThat(b.get("/tasks/" + task).statusCode()).as(step).isEqualTo(200);
        HttpResponse<String> done = b.post("/tasks/" + task, form);
        assertThat(done.statusCode()).as(step + ": " + done.body().replaceAll("(?s).*error-summary(.{0,400}).*", "$1"))
                .isEqualTo(302);
    }

    /**
     * The outgoing check reads the dues ledger: the demo pays 钱十 up to the month it loaded, and other page tests
     * sharing this context move the clock on; her collector 李四 records the months since, as a branch would.
     */
    void payDuesUpTo(YearMonth month) throws Exception {
        JsonNode dues = api("/api/dues/members/qianshi", "lisi", DEMO);
        YearMonth first = YearMonth.parse(dues.get("firstUnpaid").asText());
        java.util.List<String> months = new java.util.ArrayList<>();
        for (YearMonth m = first; !m.isAfter(month); m = m.plusMonths(1)) {
            months.add("\"" + m + "\"");
        }
        if (months.isEmpty()) {
            return;
        }
        HttpResponse<String> paid = Browserless.api(port, "POST", "/api/dues/payments", "lisi", DEMO,
                "{\"username\":\"qianshi\",\"months\":[" + String.join(",", months) + "],\"amountFen\":"
                        + dues.get("standardFen").asLong() * months.size() + ",\"paidOn\":\"" + today() + "\"}");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
    }

    @Test
    void aSecretaryIssuesTheReceiversAcceptAndTheMemberSeesTheNewBranch() throws Exception {
        String caseId = null;
        for (JsonNode t : api("/api/tasks?scope=todo&process=relation-transfer", "zhangsan", DEMO).get("items")) {
            if (t.get("stepId").asText().equals("outgoingCheck")) {
                caseId = t.get("caseId").asText();
            }
        }
        assertThat(caseId).as("the demo transfer waits for zhangsan").isNotNull();
        String today = today().toString();

        payDuesUpTo(YearMonth.from(today()));
        submit(caseId, "outgoingCheck", "zhangsan", Map.of("decision", "APPROVE"));
        submit(caseId, "issueLetter", "chenyi", Map.of("decision", "APPROVE"));

        String page = as("qianshi").get("/cases/" + caseId).body();
        assertThat(page).contains("查看最新介绍信").contains("/api/cases/" + caseId + "/letter.pdf");
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/cases/" + caseId + "/letter.pdf"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("qianshi:" + DEMO)
                        .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        String code = pdf.headers().firstValue("X-Document-Code").orElseThrow();
        assertThat(api("/api/public/verify/" + code, null, null).get("valid").asBoolean()).isTrue();
        assertThat(Browserless.api(port, "GET", "/api/cases/" + caseId + "/letter.pdf", "wujiu", DEMO, null).statusCode())
                .as("not visible to an unrelated secretary").isEqualTo(404);

        submit(caseId, "receivingCommittee", "liuer", Map.of("decision", "APPROVE"));
        submit(caseId, "receivingBranch", "zhengshi", Map.of("decision", "APPROVE", "group", "C01-T2-B1-G1"));
        submit(caseId, "reportIn", "qianshi", Map.of("reportDate", today));
        submit(caseId, "receipt", "chenyi", Map.of("receiptDate", today));

        assertThat(api("/api/cases/" + caseId, "qianshi", DEMO).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(api("/api/people/qianshi", "qianshi", DEMO).get("orgCode").asText()).isEqualTo("C01-T2-B1-G1");
        assertThat(as("huangli").get("/cases/" + caseId).body()).as("the county auditor keeps the case")
                .contains("城关社区党支部");
    }
}
