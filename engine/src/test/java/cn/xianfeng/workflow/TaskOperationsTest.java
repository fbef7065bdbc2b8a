package cn.xianfeng.workflow;

import cn.xianfeng.TestCounty;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.common.TooManyRequestsException;
import cn.xianfeng.notice.Notices;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.WorkflowTypes.CurrentStep;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import cn.xianfeng.workflow.WorkflowTypes.TaskFilter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** 退回, 撤回, 催办, 抄送 on the report process: what each allows, what each refuses (转办, 委派: HandoverTest). */
@SpringBootTest(properties = {"xianfeng.clock.adjustable=true", "flowable.async-executor-activate=false"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class TaskOperationsTest {

    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired TaskLists lists;
    @Autowired TaskOperations operations;
    @Autowired FollowUps followUps;
    @Autowired Notices notices;
    @Autowired People people;
    @Autowired Orgs orgs;
    @Autowired EngineTime time;
    @Autowired Clock clock;

    @BeforeEach
    void county() {
        TestCounty.create(orgs, people);
    }

    private String report() {
        return cases.start(new StartCase("report", "操作测试", Map.of("title", "学习情况", "content", "已完成",
                "reportDate", LocalDate.now(clock).minusDays(1).toString())), "member1", Locale.CHINA).id();
    }

    private CurrentStep step(String caseId) {
        return cases.view(caseId, "admin").current().get(0);
    }

    private void approve(String caseId) {
        tasks.complete(step(caseId).taskId(), Map.of("decision", "APPROVE"), null, "sec1", Locale.CHINA);
    }

    @Test
    void returnGoesBackToWhoeverDidTheEarlierStepAndRefusesInvalidTargets() {
        String caseId = report();
        approve(caseId);
        String archive = step(caseId).taskId();

        assertThatThrownBy(() -> operations.returnTo(archive, "nosuch", "x", "reviewer")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> operations.returnTo(archive, "archive", "x", "reviewer")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> operations.returnTo(archive, "review", " ", "reviewer")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> operations.returnTo(archive, "review", "x", "sec2"))
                .isInstanceOf(cn.xianfeng.common.ForbiddenException.class);

        operations.returnTo(archive, "review", "报告缺少附件", "reviewer");

        CurrentStep back = step(caseId);
        assertThat(back.stepId()).isEqualTo("review");
        assertThat(back.assignee()).isEqualTo("sec1");
        assertThat(cases.history(caseId, "admin")).anyMatch(h -> h.action().equals("TASK_RETURNED")
                && "报告缺少附件".equals(h.comment()));
    }

    @Test
    void returnRefusesAStepNotYetPassed() {
        String caseId = report();
        assertThatThrownBy(() -> operations.returnTo(step(caseId).taskId(), "archive", "x", "sec1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("archive");
    }

    @Test
    void withdrawWorksWhileTheNextStepIsUntouchedAndIsRefusedOnceItStarted() {
        String caseId = report();
        approve(caseId);
        operations.withdraw(caseId, "填错了", "sec1");
        assertThat(step(caseId).stepId()).isEqualTo("review");
        assertThat(step(caseId).assignee()).isEqualTo("sec1");

        approve(caseId);
        tasks.claim(step(caseId).taskId(), "reviewer");
        assertThatThrownBy(() -> operations.withdraw(caseId, "再撤", "sec1")).isInstanceOf(ConflictException.class);
        assertThat(step(caseId).stepId()).isEqualTo("archive");
        assertThatThrownBy(() -> operations.withdraw(caseId, "x", "member2")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aReminderOnceADayThen429AndTheOwnersAreNoticed() throws Exception {
        String caseId = report();
        String review = step(caseId).taskId();
        int before = notices.unread("sec1");

        followUps.remind(review, "请尽快审核", "member1");
        assertThatThrownBy(() -> followUps.remind(review, "再催", "member1")).isInstanceOf(TooManyRequestsException.class);
        time.moveTo(clock.instant().plus(Duration.ofDays(1)));
        followUps.remind(review, null, "member1");
        assertThatThrownBy(() -> followUps.remind(review, null, "sec2")).isInstanceOf(NotFoundException.class);

        // notices are written after commit: wait for them, generously
        cn.xianfeng.testing.Await.until("two reminder notices for sec1", () -> notices.unread("sec1"), n -> n >= before + 2);
        assertThat(notices.unread("sec1")).isEqualTo(before + 2);
        assertThat(notices.of("sec1", 5).get(1).text()).contains("请尽快审核");
    }

    @Test
    void aCopiedCaseIsListedUnderCcAndVisibleToWhomItWasCopied() {
        String caseId = report();
        assertThatThrownBy(() -> cases.view(caseId, "sec2")).isInstanceOf(NotFoundException.class);
        followUps.copy(caseId, "sec2", "请知悉", "member1");
        assertThatThrownBy(() -> followUps.copy(caseId, "sec2", "again", "member1")).isInstanceOf(ConflictException.class);
        assertThat(cases.view(caseId, "sec2").id()).isEqualTo(caseId);
        assertThat(lists.list(new TaskFilter("cc", null, null, null), "sec2", 0, 20).items())
                .anyMatch(i -> i.caseId().equals(caseId));
        assertThatThrownBy(() -> followUps.copy(caseId, "member2", null, "outsider-unknown"))
                .isInstanceOf(RuntimeException.class);
    }

}
