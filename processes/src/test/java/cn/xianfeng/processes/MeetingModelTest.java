package cn.xianfeng.processes;

import org.flowable.dmn.engine.DmnEngine;
import org.flowable.dmn.engine.DmnEngineConfiguration;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** meeting-record and meeting-compliance on a real engine driven by variables; meeting-frequency.dmn's table. */
class MeetingModelTest {

    static ProcessEngine engine;
    static RuntimeService runtime;
    static TaskService tasks;
    static final List<String> calls = new ArrayList<>();

    /** Stands in for the meeting module's beans. */
    public static class Stub {
        public void notify(DelegateExecution execution) {
            calls.add("notify:" + execution.getProcessInstanceId());
        }

        public void archive(DelegateExecution execution) {
            calls.add("archive:" + execution.getProcessInstanceId());
        }
    }

    @BeforeAll
    static void engine() throws Exception {
        engine = ProcessTestEngine.start(Map.of("groups", new ProcessTestEngine.Groups(Map.of("B1", "T1")),
                "meetingNotices", new Stub(), "meetingArchive", new Stub()));
        runtime = engine.getRuntimeService();
        tasks = engine.getTaskService();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private Task only(String caseId) {
        List<Task> open = tasks.createTaskQuery().processInstanceId(caseId).list();
        assertThat(open).hasSize(1);
        return open.get(0);
    }

    @Test
    void planNotifyRecordConfirmArchiveAndAReturnedRecordGoesBackToTheRecorder() {
        Map<String, Object> vars = new HashMap<>(Map.of("orgCode", "B1", "type", "BRANCH_COMMITTEE",
                "recordDue", new Date(System.currentTimeMillis() + 7L * 86400000)));
        String caseId = runtime.startProcessInstanceByKey("meeting-record", vars).getId();
        assertThat(calls).contains("notify:" + caseId);

        Task record = only(caseId);
        assertThat(record.getTaskDefinitionKey()).isEqualTo("record");
        assertThat(record.getDueDate()).isNotNull();
        assertThat(tasks.getIdentityLinksForTask(record.getId())).extracting(l -> l.getGroupId())
                .contains("SECRETARY@B1", "BRANCH_COMMITTEE@B1");
        tasks.complete(record.getId());
        Task confirm = only(caseId);
        assertThat(confirm.getTaskDefinitionKey()).isEqualTo("confirm");
        assertThat(tasks.getIdentityLinksForTask(confirm.getId())).extracting(l -> l.getGroupId())
                .containsExactly("SECRETARY@B1");
        tasks.complete(confirm.getId(), Map.of("decision", "REJECT"));
        assertThat(only(caseId).getTaskDefinitionKey()).isEqualTo("record");
        tasks.complete(only(caseId).getId());
        tasks.complete(only(caseId).getId(), Map.of("decision", "APPROVE"));

        assertThat(calls).contains("archive:" + caseId);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(caseId)
                .singleResult().getEndActivityId()).isEqualTo("archived");
    }

    @Test
    void aComplianceCaseGivesTheBranchSecretaryOneTask() {
        String caseId = runtime.startProcessInstanceByKey("meeting-compliance", Map.of("orgCode", "B1")).getId();
        Task explain = only(caseId);
        assertThat(explain.getName()).isEqualTo("补开/说明");
        assertThat(tasks.getIdentityLinksForTask(explain.getId())).extracting(l -> l.getGroupId())
                .containsExactly("SECRETARY@B1");
        tasks.complete(explain.getId());
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(caseId).count()).isZero();
    }

    @Test
    void theFrequencyTableGivesEachMeetingTypeItsFrequency() throws Exception {
        var db = cn.xianfeng.testing.RealServices.freshDatabase();
        DmnEngineConfiguration cfg = DmnEngineConfiguration.createStandaloneDmnEngineConfiguration();
        cfg.setJdbcUrl(db.jdbcUrl());
        cfg.setJdbcUsername(db.username());
        cfg.setJdbcPassword(db.password());
        cfg.setJdbcDriver("org.postgresql.Driver");
        cfg.setDatabaseSchemaUpdate("true");
        DmnEngine dmn = cfg.buildDmnEngine();
        dmn.getDmnRepositoryService().createDeployment()
                .addString("meeting-frequency.dmn", Files.readString(ProcessTestEngine.modelFolder().resolve("meeting-frequency.dmn")))
                .deploy();
        Map<String, String> expected = Map.of("BRANCH_GENERAL", "QUARTERLY", "BRANCH_COMMITTEE", "MONTHLY",
                "GROUP", "MONTHLY", "LECTURE", "QUARTERLY", "THEME_DAY", "MONTHLY", "ORG_LIFE", "YEARLY",
                "APPRAISAL", "YEARLY");
        for (var e : expected.entrySet()) {
            Map<String, Object> result = dmn.getDmnDecisionService().createExecuteDecisionBuilder()
                    .decisionKey("meeting-frequency").variable("type", e.getKey()).executeWithSingleResult();
            assertThat(result).as(e.getKey()).containsEntry("frequency", e.getValue());
        }
        dmn.close();
    }
}
