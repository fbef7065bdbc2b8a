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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every path of processes/report.bpmn20.xml on a real engine. */
class ReportProcessTest {

    static ProcessEngine engine;
    static RuntimeService runtime;
    static TaskService tasks;
    static HistoryService history;

    @BeforeAll
    static void engine() throws Exception {
        engine = ProcessTestEngine.start(Map.of("groups", new ProcessTestEngine.Groups(Map.of("C01-T1-B1-G1", "C01-T1", "C01-T1-B1", "C01-T1"))));
        runtime = engine.getRuntimeService();
        tasks = engine.getTaskService();
        history = engine.getHistoryService();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private ProcessInstance start() {
        return runtime.startProcessInstanceByKey("report", Map.of("orgCode", "C01-T1-B1-G1", "title", "三季度学习情况",
                "content", "已完成", "reportDate", LocalDate.of(2026, 9, 30)));
    }

    @Test
    void approvedReportIsArchivedByTheHigherCommitteesReviewer() {
        ProcessInstance instance = start();

        Task review = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(review.getTaskDefinitionKey()).isEqualTo("review");
        assertThat(review.getFormKey()).isEqualTo("report-review");
        assertThat(tasks.getIdentityLinksForTask(review.getId()))
                .anyMatch(l -> "SECRETARY@C01-T1-B1".equals(l.getGroupId()));
        assertThat(Duration.between(review.getCreateTime().toInstant(), review.getDueDate().toInstant()))
                .isCloseTo(Duration.ofDays(7), Duration.ofSeconds(1));

        tasks.complete(review.getId(), Map.of("decision", "APPROVE"));
        Task archive = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(archive.getTaskDefinitionKey()).isEqualTo("archive");
        assertThat(tasks.getIdentityLinksForTask(archive.getId()))
                .anyMatch(l -> "COMMITTEE_REVIEWER@C01-T1".equals(l.getGroupId()));

        tasks.complete(archive.getId(), Map.of("archiveNo", "QK-2026-001"));
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
                .getEndActivityId()).isEqualTo("archivedEnd");
    }

    @Test
    void rejectedReportEndsAtTheRejectedEnd() {
        ProcessInstance instance = start();
        Task review = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();

        tasks.complete(review.getId(), Map.of("decision", "REJECT", "reason", "材料不全"));

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
                .getEndActivityId()).isEqualTo("rejectedEnd");
    }
}
