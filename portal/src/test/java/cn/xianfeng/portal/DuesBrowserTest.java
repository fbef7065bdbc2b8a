package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 党费 in headless Chromium on the demo county: the collector 李四 records two months each for 赵六 and 孙七 on the
 * collector's page, imports an Excel statement with one bad row (reported with its row number, nothing of it
 * stored), and 赵六 finds the receipt on 我的党费 and verifies it by its code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw", "xianfeng.dues.reminder-day=28"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class DuesBrowserTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    ChromeDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriverWait signIn(String user) {
        if (browser != null) {
            browser.quit();
        }
        browser = Chromium.start(1280, 1000);
        browser.get("http://127.0.0.1:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(Fixtures.DEMO);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        wait.until(ExpectedConditions.urlContains("/tasks"));
        return wait;
    }

    private JsonNode dues(String member) throws Exception {
        return JSON.readTree(Browserless.api(port, "GET", "/api/dues/members/" + member, "lisi", Fixtures.DEMO, null).body());
    }

    private long payments(String member) {
        return jdbc.queryForObject("select count(*) from dues_payment where username = ?", Long.class, member);
    }

    @Test
    void theCollectorRecordsTwoMonthsForTwoMembersImportsAStatementAndTheMemberVerifiesTheReceipt() throws Exception {
        YearMonth zhaoliuFirst = YearMonth.parse(dues("zhaoliu").get("firstUnpaid").asText());
        YearMonth sunqiFirst = YearMonth.parse(dues("sunqi").get("firstUnpaid").asText());
        WebDriverWait wait = signIn("lisi");
        browser.findElement(By.linkText("党费收缴")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dues-members")));
        assertThat(browser.findElement(By.id("dues-rate")).getText()).contains("应交");
        Chromium.shoot(browser, "dues-01-collector");

        browser.findElement(By.id("pick-zhaoliu")).click();
        browser.findElement(By.id("pick-sunqi")).click();
        WebElement count = browser.findElement(By.id("count"));
        count.clear();
        count.sendKeys("2");
        browser.findElement(By.id("record-submit")).click();
        WebElement recorded = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dues-recorded")));
        assertThat(recorded.getText()).contains("赵六").contains("孙七").contains("38.00").contains("2.00");
        Chromium.shoot(browser, "dues-02-recorded");
        assertThat(YearMonth.parse(dues("zhaoliu").get("firstUnpaid").asText())).isEqualTo(zhaoliuFirst.plusMonths(2));
        assertThat(YearMonth.parse(dues("sunqi").get("firstUnpaid").asText())).isEqualTo(sunqiFirst.plusMonths(2));

        long zhaoliuBefore = payments("zhaoliu");
        long sunqiBefore = payments("sunqi");
        Path statement = Files.createTempFile("bank-statement-", ".xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(statement)) {
            Sheet sheet = book.createSheet("工商银行流水");
            String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
            row(sheet, 0, "username", "amountYuan", "paidOn");
            row(sheet, 1, "sunqi", "1.00", today);
            row(sheet, 2, "zhaoliu", "12.34", today);
            book.write(out);
        }
        browser.findElement(By.id("file")).sendKeys(statement.toAbsolutePath().toString());
        browser.findElement(By.id("import-submit")).click();
        WebElement report = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-report")));
        assertThat(report.getText()).contains("1 行已导入").contains("1 行未导入").contains("12.34");
        assertThat(browser.findElements(By.cssSelector("#import-report tr[data-row='2']"))).hasSize(1);
        Chromium.shoot(browser, "dues-03-import-report");
        assertThat(payments("sunqi")).isEqualTo(sunqiBefore + 1);
        assertThat(payments("zhaoliu")).as("the bad row stored nothing").isEqualTo(zhaoliuBefore);
        Files.deleteIfExists(statement);

        signIn("zhaoliu");
        browser.findElement(By.linkText("我的党费")).click();
        wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("payments")));
        String code = dues("zhaoliu").get("payments").get(0).get("receiptCode").asText();
        assertThat(browser.findElement(By.id("payments")).getText()).contains(code).contains("38.00");
        Chromium.shoot(browser, "dues-04-my-dues");
        WebElement verify = browser.findElement(By.xpath("//tr[.//code[text()='" + code + "']]//a[contains(@class,'verify')]"));
        verify.click();
        wait.until(ExpectedConditions.urlContains("/api/public/verify/" + code));
        String verdict = browser.findElement(By.tagName("body")).getText();
        // a browser gets the HTML verify page, in its own language (headless Chromium asks for English)
        assertThat(verdict).contains(code).containsAnyOf("有效：", "Valid:");
        Chromium.shoot(browser, "dues-05-receipt-verified");
    }

    private static void row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }

}
