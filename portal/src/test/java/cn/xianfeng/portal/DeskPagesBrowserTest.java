package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Diagrams, dashboards and error pages in real Chromium at 1366×768: the diagram fits its frame, zooms and pans, a
 * returned step is not painted done, and Chromium's console stays empty (no CSP refusal of bpmn-js's styles); charts
 * show every axis label and 暂无数据 when empty; 403/404 keep the area's header.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class DeskPagesBrowserTest {

    /** The drawing's box against its frame's, and the viewport's transform (which zooming changes). */
    static final String FRAME = """
            var frame = document.getElementById('diagram').getBoundingClientRect();
            var drawing = document.querySelector('#diagram .djs-container svg g.viewport').getBBox();
            var box = document.querySelector('#diagram .djs-container svg g.viewport').getBoundingClientRect();
            return {inside: box.left >= frame.left - 4 && box.right <= frame.right + 4 && box.top >= frame.top - 4
                      && box.bottom <= frame.bottom + 4,
                    transform: document.querySelector('#diagram g.viewport').getAttribute('transform') || '',
                    width: drawing.width};
            """;

    @LocalServerPort
    int port;

    ChromeDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriverWait signIn(String user) {
        browser = Chromium.start(1366, 768);
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo-2026");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        wait.until(ExpectedConditions.urlContains("/tasks"));
        return wait;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Chromium's console since the last call: errors and warnings only (a CSP refusal is an error). */
    private List<String> consoleProblems() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                .map(LogEntry::getMessage).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApplicantsDiagramFitsItsFrameZoomsAndLeavesNoConsoleError() {
        WebDriverWait wait = signIn("wangwu");
        consoleProblems();
        browser.get(url("/me/admission"));
        wait.until(ExpectedConditions.attributeToBe(By.id("diagram"), "data-ready", "true"));
        browser.executeScript("document.getElementById('diagram').scrollIntoView()");
        Chromium.shoot(browser, "diagram-applicant-1366");
        assertThat(consoleProblems()).as("Chromium's console on the applicant's diagram page").isEmpty();
        assertThat(browser.findElements(By.cssSelector("link[href*='diagram'][href$='.css']"))).isNotEmpty();

        Map<String, Object> fitted = (Map<String, Object>) browser.executeScript(FRAME);
        assertThat(fitted.get("inside")).as("the 25 steps fit the frame").isEqualTo(true);
        browser.findElement(By.cssSelector("button[data-zoom=in]")).click();
        browser.findElement(By.cssSelector("button[data-zoom=in]")).click();
        Map<String, Object> zoomed = (Map<String, Object>) browser.executeScript(FRAME);
        assertThat(zoomed.get("transform")).as("zoomed in").isNotEqualTo(fitted.get("transform"));
        assertThat(zoomed.get("inside")).as("zoomed in past the frame").isEqualTo(false);
        browser.findElement(By.cssSelector("button[data-zoom=fit]")).click();
        assertThat(((Map<String, Object>) browser.executeScript(FRAME)).get("inside")).isEqualTo(true);
        // a drag pans the canvas (the navigated viewer's move-canvas)
        String before = (String) ((Map<String, Object>) browser.executeScript(FRAME)).get("transform");
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(browser.findElement(By.id("diagram")))
                .clickAndHold().moveByOffset(120, 40).release().perform();
        assertThat(((Map<String, Object>) browser.executeScript(FRAME)).get("transform")).as("panned")
                .isNotEqualTo(before);
        assertThat(consoleProblems()).isEmpty();
    }

    @Test
    void aReturnedStepIsMarkedReturnedNotDone() {
        // 张三 sends the demo report on to the township (as BrowserTest does), 陈一 sends it back to him
        WebDriverWait wait = signIn("zhangsan");
        browser.findElement(By.linkText("支部书记审核")).click();
        browser.findElement(By.xpath("//button[text()='签收']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "已签收"));
        browser.findElement(By.cssSelector("input[name=decision][value=APPROVE]")).click();
        browser.findElement(By.id("comment")).sendKeys("同意，报组织员归档");
        browser.findElement(By.cssSelector("form[enctype] button.primary")).click();
        wait.until(ExpectedConditions.urlContains("/cases/"));
        browser.quit();

        wait = signIn("chenyi");
        browser.findElement(By.linkText("上级党委归档")).click();
        browser.findElement(By.xpath("//summary[text()='退回']")).click();
        browser.findElement(By.id("returnReason")).sendKeys("请补充学习材料的附件");
        browser.findElement(By.xpath("//form[contains(@action,'/return')]//button")).click();
        wait.until(ExpectedConditions.urlContains("/cases/"));
        consoleProblems();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.attributeToBe(By.id("diagram"), "data-ready", "true"));
        browser.executeScript("document.getElementById('diagram').scrollIntoView()");
        Chromium.shoot(browser, "diagram-returned-1366");
        assertThat(browser.findElements(By.cssSelector("#diagram .djs-shape.returned"))).as("the step sent back")
                .isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#diagram .djs-element.returned.done"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#diagram .djs-shape.done"))).as("the start event before the step")
                .isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#diagram .djs-element.current"))).isNotEmpty();
        assertThat(consoleProblems()).as("Chromium's console on a case page").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void chartsShowEveryAxisLabelAndSayWhenTheyAreEmpty() {
        WebDriverWait wait = signIn("yangfan");
        browser.get(url("/dashboard"));
        wait.until(ExpectedConditions.attributeToBe(By.id("dashboard"), "data-ready", "true"));
        Chromium.shoot(browser, "dashboard-county-1366");
        List<Object> intervals = (List<Object>) browser.executeScript("""
                return Array.prototype.map.call(document.querySelectorAll('.chart'), function (el) {
                  var axis = echarts.getInstanceByDom(el).getOption().xAxis[0];
                  return axis.type === 'category' ? axis.axisLabel.interval : 0;
                });""");
        assertThat(intervals).hasSize(7).allSatisfy(i -> assertThat(((Number) i).intValue()).isZero());
        assertThat(browser.findElement(By.id("cases-chart")).getAttribute("data-empty")).isEqualTo("false");
        assertThat(consoleProblems()).isEmpty();

        // 河口村党支部 has no org below it: the per-org chart is empty and says so
        browser.get(url("/dashboard?org=C01-T2-B1"));
        wait.until(ExpectedConditions.attributeToBe(By.id("dashboard"), "data-ready", "true"));
        Chromium.shoot(browser, "dashboard-branch-empty-1366");
        assertThat(browser.findElement(By.id("overdue-chart")).getAttribute("data-empty")).isEqualTo("true");
        assertThat(browser.executeScript(
                "return echarts.getInstanceByDom(document.getElementById('overdue-chart')).getOption().title[0].text"))
                .isEqualTo("暂无数据");

        // an address nothing answers: the 404 page keeps the signed-in header
        browser.get(url("/no/such/page"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("未找到");
        assertThat(browser.findElements(By.cssSelector("#main-nav"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("header.top .who")).getText()).contains("杨帆").contains("退出");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("返回我的任务");
        Chromium.shoot(browser, "not-found-signed-in-1366");
    }

    @Test
    void refusalsAndUnknownPagesKeepTheHeaderOfTheirArea() throws Exception {
        Browserless zhangsan = new Browserless(port);
        assertThat(zhangsan.login("zhangsan", "demo-2026").statusCode()).isEqualTo(302);
        for (String path : List.of("/cases/no-such-case", "/admin/search", "/meetings/no-such-meeting")) {
            HttpResponse<String> r = zhangsan.get(path);
            assertThat(r.statusCode()).as(path).isIn(403, 404);
            assertThat(r.body()).as(path + " keeps the signed-in header").contains("id=\"main-nav\"").contains("张三")
                    .contains("返回我的任务").contains("/logout");
        }
        HttpResponse<String> inside = zhangsan.get("/public/complaints/NO-SUCH-CODE");
        assertThat(inside.statusCode()).isEqualTo(404);
        assertThat(inside.body()).doesNotContain("返回我的任务").contains("返回接诉即办");

        Browserless stranger = new Browserless(port);
        HttpResponse<String> outside = stranger.get("/public/complaints/NO-SUCH-CODE");
        assertThat(outside.statusCode()).isEqualTo(404);
        assertThat(outside.body()).doesNotContain("返回我的任务").doesNotContain("id=\"main-nav\"").contains("返回接诉即办");
        HttpResponse<String> api = Browserless.api(port, "GET", "/api/cases/no-such-case", "zhangsan", "demo-2026", null);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.body()).as("the API keeps its problem JSON").startsWith("{");
    }
}
