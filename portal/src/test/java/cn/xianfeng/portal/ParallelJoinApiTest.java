package cn.xianfeng.portal;

import cn.xianfeng.complaint.Complaints;
import cn.xianfeng.complaint.ComplaintTypes.Intake;
import cn.xianfeng.testing.RealPostgresInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Joint handling over HTTP: a complaint handled by 城关社区党支部 (zhangsan) with 城关中学党支部 (wujiu) and
 * 河口村党支部 (zhengshi) co-handling; the three press 完成 at the same instant (-Dxianfeng.join-http-trials,
 * 5 by default). Three 200s, the reply step once, one completion each in the history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "xianfeng.demo-password=demo-2026")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class ParallelJoinApiTest {

    static final String DEMO = "demo-2026";
    static final int TRIALS = Integer.getInteger("xianfeng.join-http-trials", 5);
    static final Map<String, String> OWNER = Map.of("SECRETARY@C01-T1-B1", "zhangsan",
            "SECRETARY@C01-T1-B2", "wujiu", "SECRETARY@C01-T2-B1", "zhengshi");

    @LocalServerPort int port;
    @Autowired Complaints complaints;
    @Autowired JdbcClient jdbc;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void threeBranchOwnersCompleteAtOnceOverHttpAndTheReplyComesOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int trial = 0; trial < TRIALS; trial++) {
                String code = complaints.intake(new Intake("COMMUNITY_SERVICE", "路灯不亮", "东门路灯坏了", "东门",
                        false, "王小明", null, null), "198.51.100." + (trial + 1), Locale.SIMPLIFIED_CHINESE);
                String caseId = jdbc.sql("select case_id from complaint where tracking_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')").param(code)
                        .query(String.class).single();
                complete("xuqiang", only(caseId, "dispatch"),
                        "{\"data\":{\"handlerOrg\":\"C01-T1-B1\",\"coOrgs\":[\"C01-T1-B2\",\"C01-T2-B1\"]}}");
                complete("zhangsan", only(caseId, "respond"), "{\"data\":{\"response\":\"已联系\"}}");

                JsonNode branches = current(caseId);
                assertThat(branches).hasSize(3);
                CyclicBarrier barrier = new CyclicBarrier(3);
                List<Future<HttpResponse<String>>> all = new ArrayList<>();
                List<String> taskIds = new ArrayList<>();
                for (JsonNode step : branches) {
                    String owner = OWNER.get(step.get("candidates").get(0).asText());
                    String taskId = step.get("taskId").asText();
                    taskIds.add(taskId);
                    String body = step.get("stepId").asText().equals("handle")
                            ? "{\"data\":{\"result\":\"RESOLVED\",\"handling\":\"已更换路灯\"}}"
                            : "{\"data\":{\"coHandling\":\"配合处置\"}}";
                    all.add(pool.submit(() -> {
                        barrier.await(120, TimeUnit.SECONDS);
                        return Browserless.api(port, "POST", "/api/tasks/" + taskId + "/complete", owner, DEMO, body);
                    }));
                }
                for (Future<HttpResponse<String>> f : all) {
                    HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
                    assertThat(r.statusCode()).as("trial %d: %s", trial, r.body()).isEqualTo(200);
                }
                JsonNode after = current(caseId);
                assertThat(after).as("trial %d", trial).hasSize(1);
                assertThat(after.get(0).get("stepId").asText()).isEqualTo("reply");
                String history = Browserless.api(port, "GET", "/api/cases/" + caseId + "/history", "huangli", DEMO, null)
                        .body();
                for (String taskId : taskIds) {
                    assertThat(json.readTree(history)).as("trial %d: completions of %s", trial, taskId)
                            .filteredOn(e -> "TASK_COMPLETED".equals(e.path("action").asText())
                                    && taskId.equals(e.path("taskId").asText())).hasSize(1);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private JsonNode current(String caseId) throws Exception {
        HttpResponse<String> r = Browserless.api(port, "GET", "/api/cases/" + caseId, "huangli", DEMO, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body()).get("current");
    }

    private String only(String caseId, String stepId) throws Exception {
        JsonNode current = current(caseId);
        assertThat(current).hasSize(1);
        assertThat(current.get(0).get("stepId").asText()).isEqualTo(stepId);
        return current.get(0).get("taskId").asText();
    }

    private void complete(String user, String taskId, String body) throws Exception {
        HttpResponse<String> r = Browserless.api(port, "POST", "/api/tasks/" + taskId + "/complete", user, DEMO, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
