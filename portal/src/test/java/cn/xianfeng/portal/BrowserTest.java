package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal in real headless Chromium with the demo county: sign in, claim and complete with a validation error
 * first, 退回 with a reason, the applicant's progress page with its diagram, who-owes-what with an overdue task,
 * and a 360 px phone. Each leaves a screenshot in target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw", "xianfeng.clock.adjustable=true"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {

    @LocalServerPort
    int port;

    ChromeDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriverWait signIn(String user, int width) {
        browser = Chromium.start(Math.max(width, 800), 900);
        if (width < 800) {
            // a desktop window cannot be narrower than ~500 px: emulate the phone's screen instead
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width,
                    "height", 780, "deviceScaleFactor", 1, "mobile", true));
        }
        browser.get("http://127.0.0.1:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo-2026");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        wait.until(ExpectedConditions.urlContains("/tasks"));
        return wait;
    }

    @Test
    @Order(1)
    void aSecretarySignsInClaimsAndCompletesAfterAValidationError() {
        WebDriverWait wait = signIn("zhangsan", 1280);
        assertThat(browser.findElement(By.cssSelector("header .dot")).getText()).isNotBlank();
        Chromium.shoot(browser, "01-tasks-todo");

        browser.findElement(By.linkText("支部书记审核")).click();
        browser.findElement(By.xpath("//button[text()='签收']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "已签收"));

        browser.findElement(By.cssSelector("input[name=decision][value=REJECT]")).click();
        WebElement reason = browser.findElement(By.id("f-reason"));
        assertThat(reason.isDisplayed()).as("the reason appears with 退回").isTrue();
        browser.findElement(By.cssSelector("form[enctype] button.primary")).click();
        WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        assertThat(summary.getText()).contains("理由").contains("必填");
        assertThat(browser.findElement(By.id("f-reason")).getAttribute("aria-invalid")).isEqualTo("true");
        Chromium.shoot(browser, "02-task-validation-error");

        browser.findElement(By.cssSelector("input[name=decision][value=APPROVE]")).click();
        browser.findElement(By.id("comment")).sendKeys("同意，报组织员归档");
        browser.findElement(By.cssSelector("form[enctype] button.primary")).click();
        wait.until(ExpectedConditions.urlContains("/cases/"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("已提交，案件已转「上级党委归档」");
        Chromium.shoot(browser, "03-case-after-completion");
    }

    @Test
    @Order(2)
    void aReviewerReturnsTheReportWithAReason() {
        WebDriverWait wait = signIn("chenyi", 1280);
        browser.findElement(By.linkText("上级党委归档")).click();
        browser.findElement(By.xpath("//summary[text()='退回']")).click();
        browser.findElement(By.id("returnReason")).sendKeys("请补充学习材料的附件");
        browser.findElement(By.xpath("//form[contains(@action,'/return')]//button")).click();
        wait.until(ExpectedConditions.urlContains("/cases/"));
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("已退回").contains("请补充学习材料的附件").contains("支部书记审核");
        Chromium.shoot(browser, "04-case-returned");
    }

    @Test
    @Order(3)
    void theApplicantSeesTheStagesStepAndDiagram() {
        WebDriverWait wait = signIn("wangwu", 1280);
        browser.findElement(By.linkText("我的入党进度")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("diagram"), "data-ready", "true"));
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("第 2 步（共 25 步）").contains("党组织派人谈话").contains("城关社区党支部 · 支部书记");
        assertThat(browser.findElements(By.cssSelector("#diagram .djs-element.current"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#diagram .djs-element.done"))).isNotEmpty();
        Chromium.shoot(browser, "05-my-admission-progress");
    }

    @Test
    @Order(4)
    void whoOwesWhatHighlightsAnOverdueTask() throws Exception {
        String later = OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).plusDays(40).toString();
        assertThat(Browserless.api(port, "POST", "/api/admin/clock", "admin", "admin-test-pw",
                "{\"now\":\"" + later + "\"}").statusCode()).isEqualTo(200);
        try {
            signIn("yangfan", 1280);
            browser.findElement(By.linkText("谁欠谁")).click();
            assertThat(browser.findElements(By.cssSelector("tr.overdue"))).isNotEmpty();
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("张三").contains("超期");
            Chromium.shoot(browser, "06-who-owes-what-overdue");
        } finally {
            // the context is shared with other classes (ByContextOrder runs them after this one)
            Browserless.api(port, "DELETE", "/api/admin/clock", "admin", "admin-test-pw", null);
        }
    }

    @Test
    @Order(5)
    void theCountyDashboardDrawsItsSevenCharts() {
        WebDriverWait wait = signIn("yangfan", 1280);
        browser.findElement(By.linkText("工作看板")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("dashboard"), "data-ready", "true"));
        // the 先锋指数 chart is drawn from its own request (points-chart.js)
        wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("points-chart")), "data-drawn"));
        assertThat(browser.findElements(By.cssSelector(".chart canvas"))).hasSize(7);
        assertThat(browser.findElement(By.id("dues-summary")).getText()).as("the dues collection rate")
                .matches("\\d+ / \\d+( · [\\d.]+%)?");
        assertThat(browser.findElement(By.id("tasks-summary")).getText()).matches("\\d+ · 超期 \\d+");
        Chromium.shoot(browser, "08-county-dashboard");
    }

    @Test
    @Order(6)
    void thePagesFitA360PixelPhone() {
        signIn("zhangsan", 360);
        Chromium.shoot(browser, "07-tasks-phone-360");
        Object overflow = browser.executeScript("return document.documentElement.scrollWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(361);
        browser.get("http://127.0.0.1:" + port + "/me/admission");
        browser.get("http://127.0.0.1:" + port + "/owed");
        assertThat(((Number) browser.executeScript("return document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(361);
    }
}
