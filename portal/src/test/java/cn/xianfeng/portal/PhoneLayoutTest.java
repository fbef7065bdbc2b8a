package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main pages on a 390×844 phone in real Chromium: every table row becomes a card whose cells still say what
 * they are (the column's label drawn before the value), the header is a bar with a menu button rather than a
 * quarter of the screen, nothing is wider than the screen; on a 1366 px desk each filter label sits beside its input.
 * Screenshots: target/screenshots/phone-*.png and desk-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class PhoneLayoutTest {

    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;

    /** Visible table cells whose column label is not drawn: the text of each (empty list = every card labelled). */
    static final String UNLABELLED = """
            var out = [], labelled = 0;
            document.querySelectorAll('table.list tbody td').forEach(function (td) {
              if (td.offsetParent === null || td.getBoundingClientRect().height === 0) { return; }
              var c = getComputedStyle(td, '::before').content;
              var label = td.getAttribute('data-label');
              if (label && c && c !== 'none' && c !== 'normal' && c.indexOf(label) >= 0) { labelled++; }
              else { out.push(td.textContent.trim().substring(0, 40) || '(empty)'); }
            });
            return {labelled: labelled, unlabelled: out};
            """;

    /** Filter labels whose input does not share their line (label above or below it). */
    static final String LABELS_OFF_LINE = """
            var out = [];
            document.querySelectorAll('form.filters label[for], form#rates-form label[for]').forEach(function (l) {
              var input = document.getElementById(l.getAttribute('for'));
              if (!input || input.type === 'hidden' || l.offsetParent === null) { return; }
              var a = l.getBoundingClientRect(), b = input.getBoundingClientRect();
              var mid = a.top + a.height / 2;
              if (mid < b.top || mid > b.bottom || a.left > b.left) { out.push(l.textContent.trim()); }
            });
            return out;
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

    private WebDriverWait signIn(String user, int width, int height) {
        browser = Chromium.start(Math.max(width, 800), height);
        if (width < 800) {
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                    "height", height, "deviceScaleFactor", 1, "mobile", true));
        }
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

    @SuppressWarnings("unchecked")
    private void assertCardsLabelled(String page, int atLeast) {
        Map<String, Object> r = (Map<String, Object>) browser.executeScript(UNLABELLED);
        assertThat((List<String>) r.get("unlabelled")).as("cells without their column label on " + page).isEmpty();
        assertThat(((Number) r.get("labelled")).intValue()).as("labelled cells on " + page).isGreaterThanOrEqualTo(atLeast);
    }

    private void assertFitsThePhone(String page) {
        assertThat(((Number) browser.executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("page width of " + page).isLessThanOrEqualTo(PHONE_WIDTH + 1);
        WebElement header = browser.findElement(By.cssSelector("header.top"));
        assertThat(header.getSize().getHeight()).as("header height on " + page + " (a phone is 844 px high)")
                .isLessThan(PHONE_HEIGHT / 8);
    }

    @Test
    void theTaskListOnAPhoneKeepsItsLabelsAndTheMenuOpensOnDemand() {
        signIn("zhangsan", PHONE_WIDTH, PHONE_HEIGHT);
        Chromium.shoot(browser, "phone-tasks-390");
        assertFitsThePhone("/tasks");
        assertCardsLabelled("/tasks", 5);
        WebElement owed = browser.findElement(By.cssSelector("#main-nav a[href='/owed']"));
        assertThat(owed.isDisplayed()).as("the nav is folded").isFalse();
        WebElement menu = browser.findElement(By.cssSelector("header.top button.menu"));
        assertThat(menu.getAttribute("aria-expanded")).isEqualTo("false");
        menu.click();
        assertThat(menu.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(owed.isDisplayed()).as("the nav opens").isTrue();
        assertThat(owed.getText()).isEqualTo("谁欠谁");
        assertThat(browser.findElement(By.linkText("我的任务")).isDisplayed()).isTrue();
        Chromium.shoot(browser, "phone-tasks-390-menu");
    }

    @Test
    void whoOwesWhatAndTheComplianceGridOnAPhoneKeepTheirLabels() {
        signIn("yangfan", PHONE_WIDTH, PHONE_HEIGHT);
        browser.get(url("/owed"));
        Chromium.shoot(browser, "phone-owed-390");
        assertFitsThePhone("/owed");
        assertCardsLabelled("/owed", 3);

        browser.get(url("/meetings/compliance"));
        Chromium.shoot(browser, "phone-compliance-390");
        assertFitsThePhone("/meetings/compliance");
        assertCardsLabelled("/meetings/compliance", 3);

        browser.get(url("/dashboard"));
        Chromium.shoot(browser, "phone-dashboard-390");
        assertFitsThePhone("/dashboard");

        browser.get(url("/complaints/dashboard?org=C01"));
        Chromium.shoot(browser, "phone-rates-390");
        assertFitsThePhone("/complaints/dashboard");
        assertCardsLabelled("/complaints/dashboard", 0);
    }

    @Test
    void theAuditorsSearchOnAPhoneFitsAndKeepsItsHeaderSmall() {
        signIn("huangli", PHONE_WIDTH, PHONE_HEIGHT);
        browser.get(url("/audit/search?q=%E6%8A%A5%E5%91%8A"));
        Chromium.shoot(browser, "phone-audit-search-390");
        assertFitsThePhone("/audit/search");
        assertCardsLabelled("/audit/search", 0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void onADeskEveryFilterLabelSitsBesideItsInput() {
        signIn("huangli", 1366, 768);
        browser.get(url("/audit/search"));
        Chromium.shoot(browser, "desk-audit-search-1366");
        List<String> audit = (List<String>) browser.executeScript(LABELS_OFF_LINE);
        assertThat(audit).as("audit search labels off their input's line").isEmpty();
        browser.quit();

        signIn("yangfan", 1366, 768);
        List<String> tasks = (List<String>) browser.executeScript(LABELS_OFF_LINE);
        assertThat(tasks).as("task filter labels off their input's line").isEmpty();
        browser.get(url("/complaints/dashboard?org=C01"));
        Chromium.shoot(browser, "desk-rates-1366");
        List<String> rates = (List<String>) browser.executeScript(LABELS_OFF_LINE);
        assertThat(rates).as("三率 labels off their input's line").isEmpty();
        assertThat(browser.findElements(By.cssSelector("form#rates-form label[for]"))).hasSizeGreaterThanOrEqualTo(3);
    }
}
