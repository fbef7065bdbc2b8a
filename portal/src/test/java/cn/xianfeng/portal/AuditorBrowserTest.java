package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 审计 in real headless Chromium: the demo auditor huangli searches a phrase from a comment, opens the case from
 * the hits, sees its timeline and diagram, verifies its chain (校验通过), exports the dossier (a PDF whose SHA-256 the
 * public verification confirms) and finds all of it in 我的查阅记录. Screenshots in target/screenshots (audit-*).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class AuditorBrowserTest {

    static final String DEMO = "demo-2026";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    ChromeDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** A report approved by its secretary with a comment no demo case has, found by search once indexed. */
    private String reportWithComment(String phrase) throws Exception {
        return Fixtures.approvedReportWithComment(port, "第三季度学习情况报告", "同意上报。" + phrase + "，请组织员复核。", phrase);
    }

    private String shownResults() {
        try {
            return "no marked hit at " + browser.getCurrentUrl() + ": " + browser.findElement(By.id("audit-search")).getText();
        } catch (RuntimeException e) {
            return "no marked hit at " + browser.getCurrentUrl() + " (" + e.getMessage() + ")";
        }
    }

    @Test
    void anAuditorSearchesOpensVerifiesAndDownloadsTheDossier() throws Exception {
        String phrase = "党课签到表需补全";
        String caseId = reportWithComment(phrase);

        browser = Chromium.start(1280, 1000);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        browser.get(base() + "/login");
        browser.findElement(By.id("username")).sendKeys("huangli");
        browser.findElement(By.id("password")).sendKeys(DEMO);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/tasks"));

        browser.findElement(By.linkText("审计检索")).click();
        wait.until(ExpectedConditions.urlContains("/audit/search"));
        WebElement results = browser.findElement(By.id("audit-search"));
        browser.findElement(By.id("q")).sendKeys(phrase);
        // the phrase is in the case, its task and the audit event: the auditor narrows to the events
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("kind"))).selectByValue("AUDIT");
        browser.findElement(By.cssSelector("#audit-search button.primary")).click();
        // htmx swaps the results in place: the old element goes stale and the URL carries the query
        wait.until(ExpectedConditions.stalenessOf(results));
        wait.until(ExpectedConditions.urlContains("q="));
        // a miss says what the page showed instead
        WebElement hit = new WebDriverWait(browser, Duration.ofSeconds(120)).withMessage(this::shownResults)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("li.hit mark")));
        assertThat(hit.getText()).isEqualTo(phrase);
        assertThat(browser.findElement(By.id("search-total")).getText()).isEqualTo("共 1 条");
        assertThat(browser.findElement(By.cssSelector(".facets")).getText()).contains("情况报告").contains("办结任务");
        Chromium.shoot(browser, "audit-01-search");

        browser.findElement(By.cssSelector("li.hit a.case")).click();
        wait.until(ExpectedConditions.urlContains("/audit/cases/" + caseId));
        wait.until(ExpectedConditions.attributeToBe(By.id("diagram"), "data-ready", "true"));
        assertThat(browser.findElements(By.cssSelector("#diagram .djs-element.done"))).isNotEmpty();
        String timeline = browser.findElement(By.cssSelector("ol.timeline")).getText();
        assertThat(timeline).contains("发起案件").contains("办结任务").contains("张三").contains(phrase).contains("同意");
        assertThat(browser.findElements(By.cssSelector("main button:not(#verify-chain):not(#verify-trail):not([data-zoom])")))
                .as("read-only: the only button is 校验").isEmpty();

        WebElement status = browser.findElement(By.id("chain-verification"));
        assertThat(status.getText()).as("the status shows on opening").contains("校验通过");
        browser.findElement(By.id("verify-chain")).click();
        wait.until(ExpectedConditions.stalenessOf(status));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chain-verification"), "校验通过"));
        long events = Long.parseLong(browser.findElement(By.cssSelector("#chain-verification dd.events")).getText());
        assertThat(events).isGreaterThanOrEqualTo(2);
        Chromium.shoot(browser, "audit-02-case-verified");

        String href = browser.findElement(By.id("dossier")).getAttribute("href");
        assertThat(href).endsWith("/api/cases/" + caseId + "/dossier.pdf");
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", "JSESSIONID=" + session.getValue()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String code = pdf.headers().firstValue("X-Verification-Code").orElseThrow();
        JsonNode check = JSON.readTree(Browserless.api(port, "GET", "/api/public/verify/" + code, null, null, null).body());
        assertThat(check.get("valid").asBoolean()).isTrue();
        assertThat(check.get("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf.body())));

        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("documents"), code));

        browser.findElement(By.linkText("我的查阅记录")).click();
        wait.until(ExpectedConditions.urlContains("/audit/reads"));
        String reads = browser.findElement(By.id("reads")).getText();
        assertThat(reads).contains("检索").contains("q=" + phrase).contains("查阅案件").contains("校验本案审计链")
                .contains("导出案卷").contains(code).contains(caseId).contains("第三季度学习情况报告");
        assertThat(browser.findElements(By.cssSelector("#reads tr[data-kind]")))
                .extracting(r -> r.getAttribute("data-kind"))
                .containsSubsequence("DOSSIER_DOWNLOADED", "CHAIN_VERIFIED", "CASE_VIEWED", "SEARCH");
        Chromium.shoot(browser, "audit-03-my-reads");
    }

    @Test
    void theWholeTrailVerifiesFromTheSearchPageAndFacetsFilter() throws Exception {
        reportWithComment("整改台账已归档");
        browser = Chromium.start(1280, 900);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        browser.get(base() + "/login");
        browser.findElement(By.id("username")).sendKeys("huangli");
        browser.findElement(By.id("password")).sendKeys(DEMO);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/tasks"));
        browser.get(base() + "/audit/search");

        browser.findElement(By.id("verify-trail")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("trail-verification"), "校验通过"));
        assertThat(Long.parseLong(browser.findElement(By.cssSelector("#trail-verification dd.events")).getText()))
                .isPositive();

        long total = Long.parseLong(browser.findElement(By.id("search-total")).getText().replaceAll("\\D", ""));
        WebElement results = browser.findElement(By.id("audit-search"));
        browser.findElement(By.xpath("//aside[contains(@class,'facets')]//a[contains(., '情况报告')]")).click();
        wait.until(ExpectedConditions.stalenessOf(results));
        wait.until(ExpectedConditions.urlContains("process=report"));
        assertThat(browser.findElement(By.cssSelector("#process option:checked")).getText()).isEqualTo("情况报告");
        long filtered = Long.parseLong(browser.findElement(By.id("search-total")).getText().replaceAll("\\D", ""));
        assertThat(filtered).isPositive().isLessThan(total);
        browser.findElements(By.cssSelector("li.hit .meta")).forEach(m -> assertThat(m.getText()).contains("情况报告"));
        Chromium.shoot(browser, "audit-04-trail-verified-facet");
    }
}
