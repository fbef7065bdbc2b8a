package cn.xianfeng.portal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.awt.Color;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 1 in headless Chromium: the files of a report's start form are listed once on the case page with
 * name, size, uploader, step and time, and linked from the history (not UUIDs); the reviewer opens the image inline
 * and finds both files in the signed dossier. The download's headers keep a file from acting as a page.
 */
class AttachmentBrowserTest extends TimedPortal {

    ChromeDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theReviewerOpensTheReportsFilesFromTheCasePageAndFindsThemInTheDossier() throws Exception {
        String photo = JSON.readTree(Uploads.post(port, "zhaoliu", "/api/attachments", "活动照片.png",
                Uploads.png(Color.ORANGE)).body()).get("id").asText();
        String scan = JSON.readTree(Uploads.post(port, "zhaoliu", "/api/attachments", "报告扫描件.pdf",
                Uploads.pdf("scan")).body()).get("id").asText();
        String caseId = ok("POST", "/api/cases", "zhaoliu", JSON.writeValueAsString(Map.of("process", "report",
                "subject", "附件可查阅", "data", Map.of("title", "主题党日情况", "content", "附照片和扫描件",
                        "reportDate", "2020-01-02", "attachments", List.of(photo, scan))))).get("id").asText();

        JsonNode listed = ok("GET", "/api/cases/" + caseId + "/attachments", "zhangsan", null);
        assertThat(listed).hasSize(2);
        for (JsonNode a : listed) {
            assertThat(a.get("uploadedBy").asText()).isEqualTo("zhaoliu");
            assertThat(a.get("stepId").isNull()).as("a start form's file has no step (null, present: issue 16 item 14)").isTrue();
            assertThat(a.get("sha256").asText()).hasSize(64);
            assertThat(a.get("uploadedAt").asText()).isNotBlank();
        }

        browser = Chromium.start(1280, 900);
        browser.get("http://127.0.0.1:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys("zhangsan");
        browser.findElement(By.id("password")).sendKeys(DEMO);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        wait.until(ExpectedConditions.urlContains("/tasks"));
        browser.get("http://127.0.0.1:" + port + "/cases/" + caseId);
        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("attachments")));
        assertThat(table.getText()).contains("活动照片.png").contains("报告扫描件.pdf").contains("赵六").contains("发起");
        assertThat(table.findElements(By.cssSelector("tbody tr"))).as("each file once").hasSize(2);
        String history = browser.findElement(By.cssSelector("ol.timeline")).getText();
        assertThat(history).contains("活动照片.png").doesNotContain(photo).doesNotContain(scan);
        assertThat(browser.findElements(By.cssSelector("ol.timeline a.attachment"))).hasSize(2);
        Chromium.shoot(browser, "attachments-01-case-page");

        String caseWindow = browser.getWindowHandle();
        table.findElement(By.linkText("活动照片.png")).click();
        wait.until(d -> d.getWindowHandles().size() == 2);
        List<String> windows = new ArrayList<>(browser.getWindowHandles());
        windows.remove(caseWindow);
        browser.switchTo().window(windows.get(0));
        wait.until(ExpectedConditions.urlContains("/api/attachments/" + photo));
        WebElement image = wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("img")));
        Object width = browser.executeScript("return arguments[0].naturalWidth", image);
        assertThat(((Number) width).intValue()).as("the image shows inline").isEqualTo(80);
        Chromium.shoot(browser, "attachments-02-image-opened");
        browser.close();
        browser.switchTo().window(caseWindow);

        HttpResponse<byte[]> pdf = Uploads.get(port, "zhangsan", "/api/attachments/" + scan);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElse("")).startsWith("inline");
        assertThat(pdf.headers().firstValue("X-Content-Type-Options").orElse("")).isEqualTo("nosniff");
        assertThat(pdf.headers().firstValue("Content-Security-Policy").orElse("")).startsWith("sandbox");
        assertThat(Uploads.get(port, "wujiu", "/api/attachments/" + scan).statusCode()).as("another branch").isEqualTo(404);

        assertThat(browser.findElement(By.linkText("下载案卷（PDF/A，已签名）")).getAttribute("href")).endsWith("/dossier.pdf");
        HttpResponse<byte[]> dossier = Uploads.get(port, "zhangsan", "/api/cases/" + caseId + "/dossier.pdf");
        assertThat(dossier.statusCode()).isEqualTo(200);
        String text;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(dossier.body())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
        assertThat(text).doesNotContain("无附件").contains("活动照片.png").contains("报告扫描件.pdf");
        for (JsonNode a : listed) {
            assertThat(text.replaceAll("\\s", "")).contains(a.get("sha256").asText().substring(0, 16));
        }
    }
}
