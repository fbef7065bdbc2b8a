package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One portal for the tests of reads, credentials, files and time, configured as production is except that the
 * clock can be moved: Flowable's async executor runs (unlike the engine's tests), retention archives a case as soon
 * as it closes (so the archive can be read), and public intake is not limited per address. The test classes that
 * extend it share the one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw", "xianfeng.clock.adjustable=true",
        "xianfeng.retention.archive-after=PT0S", "xianfeng.retention.initial-delay=PT100H",
        "xianfeng.complaints.intake-limit=100000"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
@org.springframework.context.annotation.Import(FailingTimeCheck.class)
abstract class TimedPortal {

    static final String DEMO = Fixtures.DEMO;
    static final String ADMIN_PASSWORD = "admin-test-pw";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HttpResponse<String> api(String method, String path, String user, String json) throws Exception {
        return Browserless.api(port, method, path, user, "admin".equals(user) ? ADMIN_PASSWORD : DEMO, json);
    }

    JsonNode ok(String method, String path, String user, String json) throws Exception {
        HttpResponse<String> r = api(method, path, user, json);
        assertThat(r.statusCode()).as(method + " " + path + " as " + user + ": " + r.body()).isBetween(200, 299);
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    /** The open task of a step, as the administrator sees the case. */
    String taskAt(String caseId, String step) throws Exception {
        for (JsonNode s : ok("GET", "/api/cases/" + caseId, "admin", null).get("current")) {
            if (s.get("stepId").asText().equals(step)) {
                return s.get("taskId").asText();
            }
        }
        throw new AssertionError(step + " is not current in " + caseId);
    }

    void complete(String caseId, String step, String user, Object data) throws Exception {
        ok("POST", "/api/tasks/" + taskAt(caseId, step) + "/complete", user,
                JSON.writeValueAsString(java.util.Map.of("data", data)));
    }

    Browserless signedIn(String user) throws Exception {
        Browserless b = new Browserless(port);
        assertThat(b.login(user, "admin".equals(user) ? ADMIN_PASSWORD : DEMO).statusCode()).isEqualTo(302);
        return b;
    }
}
