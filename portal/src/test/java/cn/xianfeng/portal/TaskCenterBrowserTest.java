package cn.xianfeng.portal;

import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.People;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
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

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 items 2–8 in real headless Chromium, each as the demo user who does it: a delegated task handed back and
 * completed, a transfer to a branch committee member, 加签 before and after, an unclaim, a comment, 我发起的 with a
 * cancel, and a candidate rejected at step 10 applying again. Screenshots: target/screenshots/tc-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw", "xianfeng.clock.adjustable=true",
        "xianfeng.test.context=task-center-browser"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class TaskCenterBrowserTest {

    private static final String DEMO = "demo-2026";

    @LocalServerPort
    int port;
    @Autowired
    Cases cases;
    @Autowired
    Tasks tasks;
    @Autowired
    People people;
    @Autowired
    Attachments attachments;
    @Autowired
    Clock clock;

    ChromeDriver browser;
    WebDriverWait wait;
    @org.springframework.beans.factory.annotation.Autowired
    cn.xianfeng.org.Accounts accounts;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    private int browserWidth;

    private void signIn(String user, String password, int width) {
        if (browser != null && browserWidth == width) {
            // the next person on the same browser: a new Chromium per sign-in cost seconds each on two cores
            browser.manage().deleteAllCookies();
        } else {
            close();
            browser = Chromium.start(Math.max(width, 800), 900);
            browserWidth = width;
            if (width < 800) {
                browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 780,
                        "deviceScaleFactor", 1, "mobile", true));
            }
        }
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        wait.until(ExpectedConditions.urlContains("/tasks"));
    }

    private void signIn(String user) {
        signIn(user, DEMO, 1280);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private String main() {
        return browser.findElement(By.tagName("main")).getText();
    }

    /** A report by zhaoliu, titled so its case can be told apart: 情况报告 · title（赵六）. */
    private String report(String title) {
        return cases.start(new StartCase("report", null, Map.of("title", title, "content", "本月学习两次。",
                "reportDate", LocalDate.now(clock).toString())), "zhaoliu", Locale.SIMPLIFIED_CHINESE).id();
    }

    /** Opens the task of a case from 待办, by the case's title as the list shows it. */
    private void openTaskOf(String title) {
        browser.get(url("/tasks"));
        browser.findElement(By.xpath("//tr[td/a[contains(text(),'" + title + "')]]/td[1]/a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    }

    private void openOps(String summary) {
        browser.findElement(By.xpath("//summary[text()='" + summary + "']")).click();
    }

    private void submit(String formAction) {
        browser.findElement(By.cssSelector("main form[action$='" + formAction + "'] button[type=submit]")).click();
    }

    private void submitForm() {
        browser.findElement(By.cssSelector("main form[enctype] button.primary")).click();
    }

    private String notice() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.notice"))).getText();
    }

    @Test
    void aDelegatedTaskIsHandedBackWithAnOpinionAndTheOwnerIsToldAndCompletes() {
        report("委派演示");
        signIn("zhangsan");
        openTaskOf("委派演示");
        openOps("委派");
        Pickers.pick(browser, wait, "delegateTo", "ls", "lisi"); // 李四 by pinyin initials, picked from the list
        browser.findElement(By.id("delegateReason")).sendKeys("我这周下乡，请李四核实");
        submit("/delegate");
        assertThat(notice()).contains("已委派");
        assertThat(browser.findElement(By.id("delegation")).getText()).contains("已委派给 李四");
        assertThat(browser.findElements(By.cssSelector("form[enctype]"))).as("the owner waits").isEmpty();
        browser.get(url("/tasks"));
        assertThat(main()).contains("委派演示").contains("委派中（李四）");
        Chromium.shoot(browser, "tc-01-delegated-stays-on-owners-list");

        signIn("lisi");
        assertThat(main()).contains("张三 委派");
        openTaskOf("委派演示");
        assertThat(browser.findElement(By.id("delegation")).getText()).contains("张三 委派您办理");
        assertThat(browser.findElements(By.cssSelector("form[enctype]"))).as("no 提交 for the delegate").isEmpty();
        assertThat(browser.findElements(By.xpath("//summary[text()='转办' or text()='退回' or text()='委派']"))).isEmpty();
        browser.findElement(By.id("resolveComment")).sendKeys("已电话核实，情况属实，建议同意");
        Chromium.shoot(browser, "tc-02-delegate-hands-back");
        submit("/resolve");
        assertThat(notice()).contains("已办完交回");

        signIn("zhangsan");
        browser.get(url("/notices"));
        assertThat(main()).contains("李四 已办完交回「支部书记审核」").contains("已电话核实");
        openTaskOf("委派演示");
        assertThat(browser.findElements(By.id("resolve"))).as("办完交回 is gone once handed back").isEmpty();
        browser.findElement(By.cssSelector("input[name=decision][value=APPROVE]")).click();
        submitForm();
        wait.until(ExpectedConditions.urlContains("/cases/"));
        assertThat(notice()).contains("已提交，案件已转「上级党委归档」");
        assertThat(main()).contains("委派任务").contains("张三 → 李四").contains("交回委派人").contains("李四 → 张三")
                .contains("我这周下乡，请李四核实").contains("已电话核实，情况属实，建议同意");
        Chromium.shoot(browser, "tc-03-owner-completes-after-hand-back");
    }

    @Test
    void theSecretaryTransfersToTheBranchCommitteeMemberWhoCompletes() {
        report("转办演示");
        signIn("zhangsan");
        openTaskOf("转办演示");
        openOps("转办");
        browser.findElement(By.id("transferTo")).sendKeys("zhaoliu");
        browser.findElement(By.id("transferReason")).sendKeys("出差");
        submit("/transfer");
        // the refusal comes with the next page: wait for it, a busy machine may still show the one the click left
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.error"))).getText()).contains("赵六")
                .as("the filer, and no role that stands in").containsAnyOf("发起人", "相应职务");
        openOps("转办");
        Pickers.pick(browser, wait, "transferTo", "李", "lisi");
        browser.findElement(By.id("transferReason")).sendKeys("本周在县里培训，请李四办理");
        submit("/transfer");
        assertThat(notice()).contains("已转办");

        signIn("lisi");
        openTaskOf("转办演示");
        browser.findElement(By.cssSelector("input[name=decision][value=APPROVE]")).click();
        submitForm();
        wait.until(ExpectedConditions.urlContains("/cases/"));
        assertThat(main()).contains("转办任务").contains("张三 → 李四").contains("本周在县里培训");
        Chromium.shoot(browser, "tc-04-transferred-to-committee-member");
    }

    @Test
    void coSignersBeforeSignFirstAndTheOwnerDecidesSeeingTheirOpinion() {
        report("前加签演示");
        signIn("zhangsan");
        openTaskOf("前加签演示");
        openOps("加签");
        Pickers.pick(browser, wait, "signUsers", "ls", "lisi");
        browser.findElement(By.cssSelector("input[name=position][value=BEFORE]")).click();
        browser.findElement(By.id("signReason")).sendKeys("请支委先把关");
        submit("/add-signers");
        assertThat(notice()).contains("已加签");
        assertThat(browser.findElement(By.id("signers")).getText()).contains("李四").contains("之前").contains("待签署");
        assertThat(browser.findElements(By.cssSelector("form[enctype]"))).as("the owner waits for the signature").isEmpty();
        assertThat(browser.findElement(By.id("waiting-for-signers")).getText()).contains("李四 签署后，您才能提交");
        Chromium.shoot(browser, "tc-05-cosign-before-owner-waits");

        signIn("lisi");
        assertThat(main()).contains("加签");
        openTaskOf("前加签演示");
        assertThat(browser.findElement(By.id("sign-request")).getText()).contains("张三 请您加签「支部书记审核」")
                .contains("请支委先把关");
        browser.findElement(By.cssSelector("input[name=decision][value=APPROVE]")).click();
        browser.findElement(By.id("comment")).sendKeys("同意，材料齐全");
        Chromium.shoot(browser, "tc-06-cosign-before-signer");
        submitForm();
        assertThat(notice()).contains("已提交您的意见");

        signIn("zhangsan");
        openTaskOf("前加签演示");
        assertThat(browser.findElement(By.id("signers")).getText()).contains("同意");
        browser.findElement(By.cssSelector("input[name=decision][value=APPROVE]")).click();
        submitForm();
        wait.until(ExpectedConditions.urlContains("/cases/"));
        assertThat(notice()).contains("已转「上级党委归档」");
        assertThat(main()).contains("加签：李四（之前）").contains("意见：同意").contains("同意，材料齐全");
    }

    @Test
    void coSignersAfterSignTheOwnersSubmissionWhichThenTakesEffect() {
        report("后加签演示");
        signIn("zhangsan");
        openTaskOf("后加签演示");
        openOps("加签");
        browser.findElement(By.id("signUsers")).sendKeys("lisi");
        browser.findElement(By.cssSelector("input[name=position][value=AFTER]")).click();
        browser.findElement(By.id("signReason")).sendKeys("请支委复核我的意见");
        submit("/add-signers");
        assertThat(notice()).contains("已加签");
        browser.findElement(By.cssSelector("input[name=decision][value=APPROVE]")).click();
        submitForm();
        assertThat(notice()).contains("已提交，等待加签人签署后生效");
        assertThat(browser.findElement(By.id("signers")).getText()).contains("之后").contains("待签署");
        Chromium.shoot(browser, "tc-07-cosign-after-held");

        signIn("lisi");
        openTaskOf("后加签演示");
        assertThat(browser.findElement(By.id("sign-request")).getText()).contains("张三 已提交如下办理")
                .contains("同意，转「上级党委归档」");
        browser.findElement(By.cssSelector("input[name=decision][value=APPROVE]")).click();
        Chromium.shoot(browser, "tc-08-cosign-after-signer");
        submitForm();
        assertThat(notice()).contains("已提交您的意见");
        signIn("zhaoliu");
        browser.get(url("/cases/mine"));
        assertThat(browser.findElement(By.xpath("//tr[td/a[contains(text(),'后加签演示')]]")).getText())
                .contains("上级党委归档");
    }

    @Test
    void theSecretaryClaimsAndUnclaims() {
        report("取消签收演示");
        signIn("zhangsan");
        openTaskOf("取消签收演示");
        browser.findElement(By.xpath("//button[text()='签收']")).click();
        assertThat(notice()).contains("已签收");
        browser.findElement(By.cssSelector("#unclaim button")).click();
        assertThat(notice()).contains("已取消签收");
        openTaskOf("取消签收演示");
        assertThat(browser.findElements(By.xpath("//button[text()='签收']"))).hasSize(1);
        assertThat(browser.findElements(By.id("unclaim"))).isEmpty();
        Chromium.shoot(browser, "tc-09-unclaimed");
    }

    @Test
    void theFilerCommentsOnHisCaseAndIsOfferedOnlyWhatHeMayDo() {
        String caseId = report("评论演示");
        signIn("zhaoliu");
        browser.get(url("/cases/" + caseId));
        assertThat(browser.findElements(By.cssSelector(".steps a[href*='/tasks/']"))).as("not his step to open").isEmpty();
        assertThat(browser.findElements(By.xpath("//summary[text()='撤回我的办理']"))).as("nothing of his to withdraw").isEmpty();
        openOps("评论");
        browser.findElement(By.id("caseComment")).sendKeys("附件已补充，请书记审核");
        submit("/comments");
        assertThat(notice()).contains("已发表评论");
        assertThat(main()).contains("发表意见").contains("附件已补充，请书记审核");
        Chromium.shoot(browser, "tc-10-case-comment");
    }

    @Test
    void myCasesShowStatusStepAndOwnerAndTheStarterCancelsOne() {
        report("我发起的甲");
        report("我发起的乙");
        signIn("zhaoliu");
        browser.findElement(By.linkText("我发起的")).click();
        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("my-cases")));
        assertThat(table.getText()).contains("情况报告 · 我发起的甲（赵六）").contains("情况报告 · 我发起的乙（赵六）")
                .contains("办理中").contains("支部书记审核").contains("城关社区党支部 · 支部书记");
        Chromium.shoot(browser, "tc-11-my-cases");
        WebElement row = browser.findElement(By.xpath("//tr[td/a[contains(text(),'我发起的乙')]]"));
        row.findElement(By.tagName("summary")).click();
        row.findElement(By.name("reason")).sendKeys("重复提交，撤销");
        row.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(notice()).contains("案件已撤销");
        assertThat(browser.findElement(By.xpath("//tr[td/a[contains(text(),'我发起的乙')]]")).getText()).contains("已撤销");
        assertThat(browser.findElement(By.xpath("//tr[td/a[contains(text(),'我发起的甲')]]")).getText()).contains("办理中");
        Chromium.shoot(browser, "tc-12-my-cases-cancelled");

        signIn("zhaoliu", DEMO, 360);
        browser.get(url("/cases/mine"));
        Chromium.shoot(browser, "tc-16-my-cases-phone-360");
        assertThat(((Number) browser.executeScript("return document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(361);
    }

    @Test
    void aCandidateRejectedAtStep10IsToldTheCaseEndedAndAppliesAgain() throws Exception {
        String applicant = "tcappl";
        String first = "tc-applicant-2026";
        people.create(new NewPerson(applicant, "候选人甲", LocalDate.now(clock).minusYears(26), "C01-T1-B1",
                MemberStatus.APPLICANT, null, first), "admin");
        // a password someone else set works once: the applicant sets their own, as at a first sign-in
        String password = "tc-applicant-own-2026";
        accounts.changeOwn(applicant, first, password);
        String caseId = walkToStep10(applicant);
        assertThat(people.get(applicant).status()).isEqualTo(MemberStatus.CANDIDATE);

        signIn("zhangsan");
        openTaskOf("候选人甲");
        WebElement reject = browser.findElement(By.xpath("//input[@name='decision'][@value='REJECT']/following-sibling::span"));
        assertThat(reject.getText()).isEqualTo("不同意，不予通过，流程结束");
        assertThat(browser.findElement(By.xpath("//input[@name='decision'][@value='APPROVE']/following-sibling::span"))
                .getText()).isEqualTo("同意，转「集中培训」");
        browser.findElement(By.id("f-conclusion")).sendKeys("政治审查不合格");
        browser.findElement(By.cssSelector("input[name=decision][value=REJECT]")).click();
        browser.findElement(By.id("f-reason")).sendKeys("政治审查结论为不合格");
        Chromium.shoot(browser, "tc-13-step10-reject-says-it-ends");
        submitForm();
        wait.until(ExpectedConditions.urlContains("/cases/"));
        assertThat(notice()).isEqualTo("已提交：不予通过，流程已结束。");
        assertThat(main()).contains("未通过");
        Chromium.shoot(browser, "tc-14-step10-rejected-banner");
        assertThat(people.get(applicant).status()).isEqualTo(MemberStatus.APPLICANT);

        signIn(applicant, password, 1280);
        browser.findElement(By.linkText("我的入党进度")).click();
        WebElement again = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("apply-again")));
        assertThat(again.getText()).contains("可以重新提出入党申请");
        again.findElement(By.tagName("a")).click();
        wait.until(ExpectedConditions.urlContains("/cases/new"));
        browser.findElement(By.cssSelector("main form button.primary")).click();
        wait.until(ExpectedConditions.urlMatches(".*/cases/[0-9a-f-]{36}$"));
        assertThat(browser.getCurrentUrl()).doesNotContain(caseId);
        assertThat(main()).contains("发展党员 · 候选人甲").contains("递交入党申请书");
        Chromium.shoot(browser, "tc-15-rejected-candidate-applies-again");
    }

    @Test
    void theNewEndpointsAreInTheOpenApiDocumentWithSummaries() throws Exception {
        String doc = Browserless.api(port, "GET", "/v3/api-docs", null, null, null).body();
        for (String path : List.of("/api/tasks/{id}/add-signers", "/api/tasks/{id}/remove-signer", "/api/tasks/{id}/unclaim",
                "/api/tasks/{id}/resolve", "/api/cases/{id}/cancel", "/api/cases/{id}/comments")) {
            assertThat(doc).as(path).contains("\"" + path + "\"");
        }
        assertThat(doc).contains("加签: ask co-signers").contains("减签: take back").contains("我发起的: the cases I started")
                .contains("撤销: the starter cancels").contains("委派: ask a party member");
    }

    /** The demo branch's people take the candidate through steps 01–09 with valid data; the year as activist lies behind. */

    private String walkToStep10(String applicant) throws Exception {
        String today = LocalDate.now(clock).toString();
        String caseId = cases.start(new StartCase("admission", null, Map.of()), applicant, Locale.SIMPLIFIED_CHINESE).id();
        String letter = attachments.store(null, "入党申请书.pdf", new ByteArrayInputStream("%PDF-1.4\n%letter\n".getBytes()),
                applicant, "C01-T1-B1").id();
        List<Object[]> steps = List.of(
                new Object[]{applicant, Map.of("applicationDate", today, "letter", letter)},
                new Object[]{"zhangsan", Map.of("talkDate", today, "talker", "zhangsan", "summary", "谈话情况良好")},
                new Object[]{"zhangsan", Map.of("recommendation", "MEMBERS", "decision", "APPROVE",
                        "meetingDate", LocalDate.now(clock).minusYears(1).minusDays(2).toString())},
                new Object[]{"chenyi", Map.of("decision", "APPROVE")},
                new Object[]{"zhangsan", Map.of("contacts", List.of("zhaoliu"))},
                new Object[]{"zhangsan", Map.of("summary", "培养考察一年，表现良好")},
                new Object[]{"zhangsan", Map.of("meetingDate", today, "opinionsHeard", true, "decision", "APPROVE")},
                new Object[]{"chenyi", Map.of("decision", "APPROVE")},
                new Object[]{"zhangsan", Map.of("introducers", List.of("zhaoliu", "sunqi"))});
        for (Object[] step : steps) {
            String taskId = cases.view(caseId, "admin").current().get(0).taskId();
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) step[1];
            tasks.complete(taskId, data, null, (String) step[0], Locale.SIMPLIFIED_CHINESE);
        }
        assertThat(cases.view(caseId, "admin").current().get(0).stepId()).isEqualTo("step10");
        return caseId;
    }
}
