package cn.xianfeng.portal;

import cn.xianfeng.meeting.Meetings;
import cn.xianfeng.points.Points;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowable.engine.TaskService;
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
import org.springframework.test.context.ContextConfiguration;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 积分 in headless Chromium on the demo county: a 主题党日 of 城关社区党支部 is held through the meeting process;
 * 赵六 finds it on 我的积分 (with the demo year's dues points derived at start) and follows the entry to the case that
 * earned it; the county's organization department sees the branches ranked by 先锋指数 on the dashboard's chart and
 * the ranking page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class PointsBrowserTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired TaskService flowableTasks;
    @Autowired Meetings meetings;
    @Autowired Points points;
    @Autowired Clock clock;

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

    private String themeDay() {
        return meeting("THEME_DAY");
    }

    private String meeting(String type) {
        Map<String, Object> plan = new HashMap<>();
        plan.put("orgCode", "C01-T1-B1");
        plan.put("type", type);
        plan.put("plannedAt", OffsetDateTime.now(clock).plusDays(1).withNano(0).toString());
        plan.put("place", "社区党群服务中心");
        plan.put("host", "zhangsan");
        plan.put("recorder", "lisi");
        plan.put("agenda", "主题党日：重温入党誓词，开展志愿服务");
        String caseId = cases.start(new StartCase("meeting-record", null, plan), "zhangsan", Locale.SIMPLIFIED_CHINESE).id();
        meetings.respond(caseId, "zhaoliu", true, null);
        Map<String, Object> record = new HashMap<>(plan);
        record.remove("orgCode");
        record.remove("type");
        record.remove("plannedAt");
        record.put("meetingDate", LocalDate.now(clock).toString());
        record.put("startTime", "09:00");
        record.put("minutes", "全体党员重温入党誓词，随后到社区开展环境整治志愿服务，并交流学习体会。");
        record.put("attendees", java.util.List.of("zhangsan", "lisi", "zhaoliu"));
        complete(caseId, "record", "lisi", record);
        complete(caseId, "confirm", "zhangsan", Map.of("decision", "APPROVE"));
        return caseId;
    }

    private void complete(String caseId, String stepId, String actor, Map<String, Object> data) {
        var open = flowableTasks.createTaskQuery().processInstanceId(caseId).taskDefinitionKey(stepId).list();
        assertThat(open).as(stepId).hasSize(1);
        tasks.complete(open.get(0).getId(), data, null, actor, Locale.SIMPLIFIED_CHINESE);
    }

    @Test
    void aMemberFollowsAnEntryToItsMeetingAndTheDepartmentSeesTheVanguardIndexChart() throws Exception {
        assertThat(points.member("zhaoliu", null, "zhaoliu").entries()).as("the demo year's dues, derived at start")
                .anySatisfy(e -> assertThat(e.category()).isEqualTo("DUES"));
        String caseId = themeDay();
        points.catchUp();

        JsonNode mine = JSON.readTree(Browserless.api(port, "GET", "/api/points/members/zhaoliu", "zhaoliu", Fixtures.DEMO,
                null).body());
        assertThat(mine.get("username").asText()).isEqualTo("zhaoliu");
        assertThat(mine.get("rankInBranch").isInt()).isTrue();
        JsonNode meeting = null;
        for (JsonNode e : mine.get("entries")) {
            if (caseId.equals(e.path("caseId").asText())) {
                meeting = e;
            }
        }
        assertThat(meeting).as("the theme day's entry").isNotNull();
        assertThat(meeting.get("points").asInt()).isEqualTo(2);
        assertThat(meeting.get("rule").asText()).isEqualTo("attendedOther");
        assertThat(meeting.get("category").asText()).isEqualTo("MEETING");
        assertThat(meeting.get("eventId").asLong()).isPositive();
        assertThat(OffsetDateTime.parse(meeting.get("at").asText()).atZoneSameInstant(clock.getZone()).toLocalDate())
                .as("the meeting's day").isEqualTo(LocalDate.now(clock));
        var rebuilt = Browserless.api(port, "POST", "/api/admin/points/rebuild?dryRun=true", "admin", "admin-test-pw", null);
        assertThat(rebuilt.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(rebuilt.body()).get("differences").size()).as("the ledger is what the trail gives").isZero();

        WebDriverWait wait = signIn("zhaoliu");
        browser.findElement(By.linkText("我的积分")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("points-entries")));
        WebElement entry = browser.findElement(By.cssSelector("#points-entries tr[data-rule='attendedOther']"));
        assertThat(entry.getText()).contains("参加支委会、党小组会、主题党日").contains("会议").contains("2");
        assertThat(browser.findElement(By.id("points-rank")).getText()).matches("\\d+");
        assertThat(browser.findElement(By.id("points-entries")).getText()).contains("党费");
        Chromium.shoot(browser, "points-01-mine");
        assertThat(entry.getText()).as("the meeting's day where the users live").contains(LocalDate.now(clock).toString());
        entry.findElement(By.cssSelector("a.source")).click();
        wait.until(ExpectedConditions.urlContains("/me/meetings"));
        assertThat(browser.findElement(By.id("meeting-" + caseId)).getText()).as("the meeting that earned it")
                .contains("主题党日").contains(LocalDate.now(clock).toString());
        Chromium.shoot(browser, "points-02-the-meeting");

        wait = signIn("yangfan");
        browser.get("http://127.0.0.1:" + port + "/dashboard?org=C01");
        wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("points-chart")), "data-drawn"));
        assertThat(browser.findElement(By.id("points-chart")).getAttribute("data-drawn")).as("the county's three branches").isEqualTo("3");
        assertThat(browser.findElements(By.cssSelector("#points-chart canvas"))).isNotEmpty();
        Chromium.shoot(browser, "points-03-dashboard-index");
        browser.findElement(By.linkText("积分排名")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("points-branches")));
        assertThat(browser.findElement(By.id("points-branches")).getText()).contains("城关社区党支部")
                .contains("城关中学党支部").contains("河口村党支部");
        Chromium.shoot(browser, "points-04-branches");

        // the committee's assessment on the branch's page: its score joins the branch points in the index
        browser.get("http://127.0.0.1:" + port + "/points?org=C01-T1-B1");
        double average = Double.parseDouble(browser.findElement(By.id("points-average")).getText());
        int branchPoints = Integer.parseInt(browser.findElement(By.id("points-branch-points")).getText());
        browser.findElement(By.id("assess-score")).clear();
        browser.findElement(By.id("assess-score")).sendKeys("85");
        browser.findElement(By.cssSelector("#points-assess button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("points-assessed")));
        assertThat(browser.findElement(By.id("points-committee-score")).getText()).isEqualTo("85");
        assertThat(browser.findElement(By.id("points-assessment")).getText()).isEqualTo(String.valueOf(branchPoints + 85));
        assertThat(Double.parseDouble(browser.findElement(By.id("points-index")).getText()))
                .isEqualTo(Math.round((average + branchPoints + 85) * 100) / 100.0);

        // the monthly trend on the dashboard (server-drawn SVG): this month's point of the branch opens its entries
        browser.get("http://127.0.0.1:" + port + "/dashboard?org=C01");
        WebElement trend = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("points-trend-chart")));
        assertThat(trend.getAttribute("data-lines")).as("a line per branch").isEqualTo("3");
        String month = java.time.YearMonth.now(clock).toString();
        WebElement point = trend.findElement(By.cssSelector("g.line[data-branch='C01-T1-B1'] a.trend-point[data-month='"
                + month + "']"));
        assertThat(Double.parseDouble(point.getAttribute("data-value"))).as("the theme day's points this month").isPositive();
        Chromium.shoot(browser, "points-05-dashboard-trend");
        try {
            point.findElement(By.tagName("circle")).click();
        } catch (org.openqa.selenium.ElementClickInterceptedException covered) { // another branch's dot on the same spot
            browser.executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))",
                    point.findElement(By.tagName("circle")));
        }
        wait.until(ExpectedConditions.urlContains("/points/entries"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("城关社区党支部").contains(month);
        assertThat(browser.findElement(By.id("points-drill-entries")).getText()).contains("赵六")
                .contains("参加支委会、党小组会、主题党日").contains("城关社区党支部").doesNotContain("zhaoliu");
        Chromium.shoot(browser, "points-06-drill-down");

        // the yearly appraisal: grades after the 民主评议党员 meeting, issued as a signed PDF the public check verifies
        meeting("APPRAISAL");
        points.catchUp();
        int year = LocalDate.now(clock).getYear();
        var graded = Browserless.api(port, "POST", "/api/points/orgs/C01-T1-B1/appraisal/grades", "zhangsan",
                Fixtures.DEMO, "{\"year\":" + year + ",\"grades\":[{\"username\":\"zhaoliu\",\"grade\":\"EXCELLENT\"},"
                        + "{\"username\":\"lisi\",\"grade\":\"QUALIFIED\"}]}");
        assertThat(graded.statusCode()).as(graded.body()).isEqualTo(200);
        var issued = Browserless.api(port, "POST", "/api/points/orgs/C01-T1-B1/appraisal/document?year=" + year,
                "zhangsan", Fixtures.DEMO, null);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String code = JSON.readTree(issued.body()).get("code").asText();
        JsonNode verified = JSON.readTree(Browserless.api(port, "GET", "/api/public/verify/" + code, null, null, null).body());
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        browser.get("http://127.0.0.1:" + port + "/points/appraisal?org=C01-T1-B1&year=" + year);
        WebElement zhaoliu = browser.findElement(By.cssSelector("#appraisal-members tr[data-member='zhaoliu']"));
        assertThat(zhaoliu.getText()).contains("赵六").contains("优秀");
        assertThat(browser.findElement(By.tagName("h1")).getText()).as("a year, not a number").contains(year + " 年度");
        assertThat(browser.findElement(By.id("appraisal-pdf")).getText()).contains(code);
        Chromium.shoot(browser, "points-07-appraisal");
    }

    /**
     * 积分申报 from 我的积分: the start page renders the claim's form (activities as options, the date, the upload);
     * the secretary confirms it; the entry on 我的积分 names the rule and links to the claim's case.
     */
    @Test
    void aMemberClaimsAnOfflineActivityFromMyPointsAndTheConfirmedEntryLinksToItsCase() throws Exception {
        java.nio.file.Path photo = java.nio.file.Files.createTempFile("志愿服务", ".png");
        java.nio.file.Files.write(photo, Uploads.png(java.awt.Color.GREEN));
        WebDriverWait wait = signIn("zhaoliu");
        browser.get("http://127.0.0.1:" + port + "/me/points");
        browser.findElement(By.id("claim-points")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("f-description")));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("志愿服务").contains("获得表彰")
                .contains("学习培训").contains("照片或证书").doesNotContain("VOLUNTEER");
        browser.findElement(By.cssSelector("input[name=activity][value=VOLUNTEER]")).click();
        browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id("f-date")),
                LocalDate.now(clock).toString());
        browser.findElement(By.id("f-description")).sendKeys("参加社区环境整治志愿服务半天");
        browser.findElement(By.id("f-evidence")).sendKeys(photo.toAbsolutePath().toString());
        Chromium.shoot(browser, "points-05-claim-form");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches("/cases/[0-9a-f-]{36}$"));
        String caseId = browser.getCurrentUrl().replaceAll(".*/cases/", "");
        java.nio.file.Files.deleteIfExists(photo);

        complete(caseId, "confirm", "zhangsan", Map.of("decision", "CONFIRM"));
        points.catchUp();
        browser.get("http://127.0.0.1:" + port + "/me/points");
        WebElement entry = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#points-entries tr[data-rule='claimVolunteer']")));
        assertThat(entry.getText()).contains("志愿服务").contains("积分申报").contains("3");
        Chromium.shoot(browser, "points-06-claim-entry");
        entry.findElement(By.cssSelector("a.source")).click();
        wait.until(ExpectedConditions.urlContains("/cases/" + caseId));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("积分申报").contains("已办结")
                .contains("支部书记确认积分");
    }
}
