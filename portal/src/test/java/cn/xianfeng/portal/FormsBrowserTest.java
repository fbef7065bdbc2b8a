package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forms people can fill in, in real headless Chromium with the demo county: 张三 plans a meeting on a phone with
 * pickers only (host and recorder found by pinyin initials and picked, the date-time from the device's picker), records
 * it with attendees picked, a photo that survives a form sent back with an error and resolutions as rows with number
 * fields; the township's reviewer filters 谁欠谁 by typing an org's name. Screenshots: target/screenshots/forms-*.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw",
        "flowable.async-executor-activate=false"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class FormsBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    ChromeDriver browser;
    WebDriverWait wait;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void signIn(String user, int width) {
        browser = Chromium.start(Math.max(width, 800), 1000);
        if (width < 800) {
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 844,
                    "deviceScaleFactor", 1, "mobile", true));
        }
        browser.get("http://127.0.0.1:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(Fixtures.DEMO);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        wait.until(ExpectedConditions.urlContains("/tasks"));
    }


    private void go(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    @Test
    void aMeetingPlannedAndRecordedWithPickersOnlyAndAFilterByName() throws Exception {
        signIn("zhangsan", 390);
        go("/cases/new?process=meeting-record");
        browser.findElement(By.cssSelector("input[name=type][value=BRANCH_COMMITTEE]")).click();
        // the device's date-time picker, in the application's zone: no ISO text, no offset
        WebElement planned = browser.findElement(By.id("f-plannedAt"));
        assertThat(planned.getAttribute("type")).isEqualTo("datetime-local");
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3);
        // what the native picker sets (typing into its segments depends on the headless browser's locale layout)
        browser.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))",
                planned, day + "T14:30");
        assertThat(planned.getAttribute("value")).isEqualTo(day + "T14:30");
        browser.findElement(By.id("f-place")).sendKeys("城关社区党群服务中心");
        Pickers.pick(browser, wait, "f-host", "zs", "zhangsan");
        browser.findElement(By.id("f-recorder")).sendKeys("李");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#f-recorder-options button[data-value='lisi']")));
        Chromium.shoot(browser, "forms-01-plan-picker-phone");
        Pickers.tap(wait, "f-recorder", "lisi", "李");
        browser.findElement(By.id("f-agenda")).sendKeys("研究本月党员发展工作");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("zhangsan").doesNotContain("lisi");
        assertThat(((Number) browser.executeScript("return document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(391);
        Chromium.shoot(browser, "forms-02-plan-filled-phone");
        browser.findElement(By.cssSelector("form[enctype] button.primary")).click();
        wait.until(ExpectedConditions.urlMatches(".*/cases/[0-9a-f-]{36}$"));
        String caseId = browser.getCurrentUrl().replaceAll(".*/cases/", "");
        Map<String, Object> plan = jdbc.queryForMap("select host, recorder, planned_at from meeting_record where case_id = ?",
                caseId);
        assertThat(plan).containsEntry("host", "zhangsan").containsEntry("recorder", "lisi");
        assertThat(((java.sql.Timestamp) plan.get("planned_at")).toInstant())
                .isEqualTo(day.atTime(14, 30).atZone(ZoneId.of("Asia/Shanghai")).toInstant());

        assertThat(Browserless.api(port, "POST", "/api/meetings/" + caseId + "/attendance", "lisi", Fixtures.DEMO,
                "{\"attending\":true}").statusCode()).isEqualTo(200);
        browser.quit();

        // the record, on a desktop: carried forward from the plan, attendees picked, a photo, resolutions as rows
        signIn("zhangsan", 1280);
        String record = jdbc.queryForObject("select id_ from act_ru_task where proc_inst_id_ = ? and task_def_key_ = 'record'",
                String.class, caseId);
        go("/tasks/" + record);
        browser.findElements(By.xpath("//button[text()='签收']")).forEach(WebElement::click);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("f-host-picked")));
        assertThat(browser.findElement(By.id("f-host-picked")).getText()).contains("张三");
        assertThat(browser.findElement(By.id("f-place")).getAttribute("value")).isEqualTo("城关社区党群服务中心");
        browser.executeScript("document.getElementById('f-meetingDate').value = arguments[0]",
                LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        browser.findElement(By.id("f-startTime")).sendKeys("14:30");
        Pickers.pick(browser, wait, "f-attendees", "zs", "zhangsan");
        Pickers.pick(browser, wait, "f-attendees", "ls", "lisi");
        browser.findElement(By.name("resolutions[0].text")).sendKeys("同意推荐王五为入党积极分子");
        browser.findElement(By.name("resolutions[0].yes")).sendKeys("2");
        browser.findElement(By.name("resolutions[0].no")).sendKeys("0");
        browser.findElement(By.name("resolutions[0].abstain")).sendKeys("0");
        browser.findElement(By.cssSelector(".group .add-row")).click();
        browser.findElement(By.name("resolutions[1].text")).sendKeys("本月主题党日开展志愿服务");
        browser.findElement(By.name("resolutions[1].yes")).sendKeys("1");
        browser.findElement(By.name("resolutions[1].no")).sendKeys("1");
        browser.findElement(By.name("resolutions[1].abstain")).sendKeys("0");
        Path photo = Files.createTempFile("会场", ".png");
        Files.write(photo, MeetingPagesTest.png(java.awt.Color.RED));
        browser.findElement(By.id("f-photos")).sendKeys(photo.toString());
        // no minutes: the form comes back, with the photo kept and the rows as typed
        browser.findElement(By.cssSelector("form[enctype] button.primary")).click();
        WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        assertThat(summary.getText()).contains("会议内容");
        assertThat(browser.findElements(By.cssSelector("input[type=checkbox][name=photos]:checked"))).hasSize(1);
        assertThat(browser.findElement(By.name("resolutions[1].text")).getAttribute("value")).isEqualTo("本月主题党日开展志愿服务");
        Chromium.shoot(browser, "forms-03-record-kept-photo-and-rows");
        browser.findElement(By.id("f-minutes")).sendKeys("支委会研究了发展党员工作和主题党日安排。");
        browser.findElement(By.cssSelector("form[enctype] button.primary")).click();
        wait.until(ExpectedConditions.urlContains("/cases/" + caseId));

        String resolutions = jdbc.queryForObject("select resolutions::text from meeting_record where case_id = ?",
                String.class, caseId);
        assertThat(resolutions).contains("同意推荐王五为入党积极分子").contains("\"yes\": 2").contains("\"entitled\": 2")
                .contains("本月主题党日开展志愿服务");
        assertThat(jdbc.queryForObject("select jsonb_array_length(photos) from meeting_record where case_id = ?",
                Integer.class, caseId)).isEqualTo(1);
        go("/meetings/" + caseId);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("同意推荐王五为入党积极分子");
        Chromium.shoot(browser, "forms-04-meeting-recorded");
        browser.quit();

        // a filter by name: typed into the address (城关 names several: choose), then with the picker
        signIn("chenyi", 1280);
        go("/owed?org=" + java.net.URLEncoder.encode("城关", java.nio.charset.StandardCharsets.UTF_8));
        String choices = browser.findElement(By.cssSelector(".choices")).getText();
        assertThat(choices).contains("不止一个").contains("城关社区党支部").contains("城关中学");
        browser.findElement(By.linkText("城关社区党支部 · 城关镇党委")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "城关社区党支部"));
        Pickers.pick(browser, wait, "owedOrg", "cgsq", "C01-T1-B1");
        Chromium.shoot(browser, "forms-05-owed-filter-by-name");
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "城关社区党支部"));
        assertThat(browser.getCurrentUrl()).containsPattern("org=C01-T1-B1(&|$)"); // not its group C01-T1-B1-G1
    }
}
