package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The dossier over HTTP: a viewer of the case gets a PDF whose code verifies publicly; others get 404. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw", "xianfeng.clock.adjustable=true",
        "flowable.async-executor-activate=false"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class DossierApiTest {

    static final String DEMO = "demo-2026";

    @LocalServerPort
    int port;

    @Test
    void aViewerDownloadsTheDossierAndItsCodeVerifiesOthersGet404() throws Exception {
        HttpResponse<String> started = Browserless.api(port, "POST", "/api/cases", "sunqi", DEMO,
                "{\"process\":\"report\",\"data\":{\"title\":\"案卷测试\",\"content\":\"按时参加\",\"reportDate\":\"2026-01-05\"}}");
        assertThat(started.statusCode()).isEqualTo(201);
        String caseId = started.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        HttpResponse<String> dossier = Browserless.api(port, "GET", "/api/cases/" + caseId + "/dossier.pdf", "sunqi", DEMO, null);
        assertThat(dossier.statusCode()).isEqualTo(200);
        assertThat(dossier.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(dossier.body()).startsWith("%PDF-");
        String code = dossier.headers().firstValue("X-Verification-Code").orElseThrow();
        HttpResponse<String> verified = Browserless.api(port, "GET", "/api/public/verify/" + code, null, null, null);
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.body()).contains("\"valid\":true").contains("DOSSIER");

        assertThat(Browserless.api(port, "GET", "/api/cases/" + caseId + "/dossier.pdf", "zhengshi", DEMO, null)
                .statusCode()).isEqualTo(404);
        assertThat(Browserless.api(port, "GET", "/api/cases/" + caseId + "/dossier.pdf", null, null, null)
                .statusCode()).isEqualTo(401);

        HttpResponse<String> pem = Browserless.api(port, "GET", "/api/public/signing-certificate.pem", null, null, null);
        assertThat(pem.statusCode()).isEqualTo(200);
        assertThat(pem.body()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    /** Retention over HTTP: four years after closing, an admin's run archives the engine history; nothing is lost. */
    @Test
    void aClosedCaseArchivedAfterTheRetentionPeriodKeepsItsDossierHistoryAndPage() throws Exception {
        HttpResponse<String> started = Browserless.api(port, "POST", "/api/cases", "sunqi", DEMO,
                "{\"process\":\"report\",\"data\":{\"title\":\"归档保留测试\",\"content\":\"全年学习\",\"reportDate\":\"2026-01-05\"}}");
        String caseId = started.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertThat(Browserless.api(port, "POST", "/api/tasks/" + currentTask(caseId) + "/complete", "zhangsan", DEMO,
                "{\"data\":{\"decision\":\"APPROVE\"},\"comment\":\"同意，已核实学习记录\"}").statusCode()).isEqualTo(200);
        assertThat(Browserless.api(port, "POST", "/api/tasks/" + currentTask(caseId) + "/complete", "chenyi", DEMO,
                "{\"data\":{\"archiveNo\":\"DA-2026-777\"}}").statusCode()).isEqualTo(200);
        String historyBefore = Browserless.api(port, "GET", "/api/cases/" + caseId + "/history", "sunqi", DEMO, null).body();
        assertThat(Browserless.api(port, "GET", "/api/cases/" + caseId + "/archive", "sunqi", DEMO, null).statusCode())
                .isEqualTo(404);

        try {
            String future = java.time.OffsetDateTime.now().plusYears(4).toString();
            assertThat(Browserless.api(port, "POST", "/api/admin/clock", "admin", "admin-test-pw",
                    "{\"now\":\"" + future + "\"}").statusCode()).isEqualTo(200);
            assertThat(Browserless.api(port, "POST", "/api/admin/retention/run", "zhangsan", DEMO, null).statusCode())
                    .isEqualTo(403);
            HttpResponse<String> run = Browserless.api(port, "POST", "/api/admin/retention/run", "admin", "admin-test-pw", null);
            assertThat(run.statusCode()).isEqualTo(200);
            assertThat(run.body()).contains(caseId);
        } finally {
            Browserless.api(port, "DELETE", "/api/admin/clock", "admin", "admin-test-pw", null);
        }

        HttpResponse<String> archived = Browserless.api(port, "GET", "/api/cases/" + caseId + "/archive", "sunqi", DEMO, null);
        assertThat(archived.statusCode()).isEqualTo(200);
        assertThat(archived.body()).contains("\"intact\":true", "\"act_hi_taskinst\":2", "DA-2026-777");
        assertThat(Browserless.api(port, "GET", "/api/cases/" + caseId + "/archive", "zhengshi", DEMO, null).statusCode())
                .isEqualTo(404);
        String historyAfter = Browserless.api(port, "GET", "/api/cases/" + caseId + "/history", "sunqi", DEMO, null).body();
        assertThat(historyAfter).startsWith(historyBefore.substring(0, historyBefore.length() - 1))
                .contains("HISTORY_ARCHIVED");
        assertThat(Browserless.api(port, "GET", "/api/cases/" + caseId + "/diagram", "sunqi", DEMO, null).body())
                .contains("\"current\":[]").contains("review");
        HttpResponse<String> dossier = Browserless.api(port, "GET", "/api/cases/" + caseId + "/dossier.pdf", "sunqi", DEMO, null);
        assertThat(dossier.statusCode()).isEqualTo(200);

        Browserless page = new Browserless(port);
        page.get("/login");
        page.post("/login", java.util.Map.of("username", "sunqi", "password", DEMO));
        assertThat(page.get("/cases/" + caseId).body()).contains("id=\"archived\"", "SHA-256");
    }

    private String currentTask(String caseId) throws Exception {
        String view = Browserless.api(port, "GET", "/api/cases/" + caseId, "admin", "admin-test-pw", null).body();
        return view.replaceAll("(?s).*\"taskId\":\"([^\"]+)\".*", "$1");
    }
}
