package cn.xianfeng.processes;

import org.flowable.engine.HistoryService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every path of processes/points-claim.bpmn20.xml and processes/thought-report.bpmn20.xml on a real engine: the
 * confirmation goes to the secretary of the org the rules named (confirmOrg), a confirmation and a rejection end at
 * their own ends; a thought report is a submission that ends at once.
 */
class PointsClaimProcessTest {

    static ProcessEngine engine;
    static RuntimeService runtime;
    static TaskService tasks;
    static HistoryService history;

    @BeforeAll
    static void engine() throws Exception {
        engine = ProcessTestEngine.start(Map.of("groups", new ProcessTestEngine.Groups(Map.of("C01-T1-B1", "C01-T1"))));
        runtime = engine.getRuntimeService();
        tasks = engine.getTaskService();
        history = engine.getHistoryService();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private ProcessInstance claim(String confirmOrg) {
        return runtime.startProcessInstanceByKey("points-claim", Map.of("orgCode", "C01-T1-B1", "confirmOrg", confirmOrg,
                "activity", "VOLUNTEER", "date", LocalDate.of(2026, 9, 30), "description", "社区志愿服务",
                "evidence", List.of("a1")));
    }

    private String end(ProcessInstance instance) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
                .getEndActivityId();
    }

    @Test
    void theSecretaryOfTheNamedOrgConfirmsAndTheClaimEndsConfirmed() {
        ProcessInstance instance = claim("C01-T1-B1");
        Task confirm = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(confirm.getTaskDefinitionKey()).isEqualTo("confirm");
        assertThat(confirm.getFormKey()).isEqualTo("points-claim-confirm");
        assertThat(tasks.getIdentityLinksForTask(confirm.getId())).extracting(l -> l.getGroupId())
                .containsExactly("SECRETARY@C01-T1-B1");
        assertThat(Duration.between(confirm.getCreateTime().toInstant(), confirm.getDueDate().toInstant()))
                .isCloseTo(Duration.ofDays(15), Duration.ofSeconds(1));

        tasks.complete(confirm.getId(), Map.of("decision", "CONFIRM"));
        assertThat(end(instance)).isEqualTo("confirmedEnd");
    }

    @Test
    void aSecretarysClaimGoesToTheOrgAboveAndARejectionEndsRejected() {
        ProcessInstance instance = claim("C01-T1");
        Task confirm = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(tasks.getIdentityLinksForTask(confirm.getId())).extracting(l -> l.getGroupId())
                .containsExactly("SECRETARY@C01-T1");

        tasks.complete(confirm.getId(), Map.of("decision", "REJECT", "reason", "照片与活动不符"));
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(end(instance)).isEqualTo("rejectedEnd");
    }

    @Test
    void aThoughtReportIsRecordedAndEndsAtOnce() {
        ProcessInstance instance = runtime.startProcessInstanceByKey("thought-report", Map.of("orgCode", "C01-T1-B1",
                "title", "第三季度思想汇报", "content", "本季度认真学习党章"));
        assertThat(instance.isEnded()).isTrue();
        assertThat(end(instance)).isEqualTo("receivedEnd");
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    }
}
