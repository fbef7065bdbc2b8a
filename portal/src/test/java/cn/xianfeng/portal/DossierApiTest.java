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
}
