package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verification address on every document: links built from the configured public URL, an HTML page for
 * browsers (zh-CN, English with ?lang=en) and JSON for API clients, and a row rewritten by a superuser reported as
 * broken on both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.public-url=https://dangjian.example.gov.cn/",
        "flowable.async-executor-activate=false"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class VerifyPageTest {

    static final String DEMO = "demo-2026";

    @LocalServerPort
    int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    void browsersGetAPageInChineseApiClientsJsonAndPdfsLinkTheConfiguredAddress() throws Exception {
        String caseId = Fixtures.startReport(port, "sunqi", "核验页测试");
        HttpResponse<byte[]> dossier = bytes("/api/cases/" + caseId + "/dossier.pdf", "sunqi");
        assertThat(dossier.statusCode()).isEqualTo(200);
        String code = dossier.headers().firstValue("X-Verification-Code").orElseThrow();
        String text = text(dossier.body()).replaceAll("\\s", "");
        assertThat(text).contains("https://dangjian.example.gov.cn/api/public/verify/" + code).doesNotContain("localhost");

        HttpResponse<String> html = get("/api/public/verify/" + code, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.body()).contains("文件核验").contains("有效").contains("<td id=\"verify-kind\">案卷</td>").contains("城关社区第一党小组")
                .contains("出具时间").contains("SHA-256").doesNotContain("DOSSIER").doesNotContain("C01-T1-B1-G1")
                .doesNotContain("INTACT");
        String sha = jdbc.queryForObject("select sha256 from issued_document where code = ?", String.class, code);
        assertThat(html.body()).contains(sha);

        // as a person who scanned the QR code sees it (closing note's screenshot), and the dossier's first page
        org.openqa.selenium.chrome.ChromeDriver browser = Chromium.start(1000, 900);
        try {
            // headless Chromium asks for English (Accept-Language en-US): the page follows it, and its 中文 switch
            browser.get("http://127.0.0.1:" + port + "/api/public/verify/" + code);
            assertThat(browser.findElement(org.openqa.selenium.By.tagName("body")).getText())
                    .contains("Document verification").contains("Valid");
            browser.get("http://127.0.0.1:" + port + "/api/public/verify/" + code + "?lang=zh-CN");
            assertThat(browser.findElement(org.openqa.selenium.By.tagName("body")).getText())
                    .contains("文件核验").contains("有效").contains("城关社区第一党小组");
            Chromium.shoot(browser, "verify-page-1000");
        } finally {
            browser.quit();
        }
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(dossier.body())) {
            java.nio.file.Files.createDirectories(Chromium.SHOTS);
            javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(pdf).renderImageWithDPI(0, 72),
                    "png", Chromium.SHOTS.resolve("dossier-page-1.png").toFile());
        }

        HttpResponse<String> english = get("/api/public/verify/" + code + "?lang=en", "text/html");
        assertThat(english.body()).contains("Document verification").contains("Valid").contains("Dossier");

        HttpResponse<String> json = get("/api/public/verify/" + code, "application/json");
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json.body()).contains("\"valid\":true").contains("\"integrity\":\"INTACT\"").contains(sha);
        assertThat(get("/api/public/verify/" + code, null).body()).as("no Accept: JSON").contains("\"valid\":true");

        HttpResponse<String> unknown = get("/api/public/verify/NOSUCHCODE", "text/html");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("验证码不存在");
        assertThat(get("/api/public/verify/NOSUCHCODE", "application/json").statusCode()).isEqualTo(404);
    }

    /** Issue 14 item 2: a superuser who bypasses the triggers and rewrites a row no longer gets it vouched for. */
    @Test
    void aDocumentRowRewrittenBySuperuserVerifiesBroken() throws Exception {
        String genuine = bytes("/api/cases/" + Fixtures.startReport(port, "sunqi", "伪造测试甲") + "/dossier.pdf", "sunqi")
                .headers().firstValue("X-Verification-Code").orElseThrow();
        String other = bytes("/api/cases/" + Fixtures.startReport(port, "sunqi", "伪造测试乙") + "/dossier.pdf", "sunqi")
                .headers().firstValue("X-Verification-Code").orElseThrow();
        tx.executeWithoutResult(s -> {
            jdbc.execute("set local session_replication_role = replica");
            jdbc.update("update issued_document d set content = o.content, sha256 = o.sha256 from issued_document o "
                    + "where d.code = ? and o.code = ?", genuine, other);
        });
        HttpResponse<String> json = get("/api/public/verify/" + genuine, "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("\"valid\":false").contains("\"integrity\":\"HASH_REWRITTEN\"");
        HttpResponse<String> html = get("/api/public/verify/" + genuine, "text/html");
        assertThat(html.body()).contains("校验未通过").contains("审计记录不符").doesNotContain("有效：");
        assertThat(get("/api/public/verify/" + other, "application/json").body()).contains("\"valid\":true");
    }

    static String text(byte[] pdf) throws java.io.IOException {
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> bytes(String path, String user) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + DEMO).getBytes(java.nio.charset.StandardCharsets.UTF_8))).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofByteArray());
    }
}
