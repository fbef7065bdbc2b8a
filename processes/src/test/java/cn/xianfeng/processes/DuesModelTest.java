package cn.xianfeng.processes;

import org.flowable.dmn.api.DmnDecisionService;
import org.flowable.dmn.engine.DmnEngine;
import org.flowable.dmn.engine.DmnEngineConfiguration;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dues-standard.dmn on a real DMN engine: every band's boundary on both sides (3,000.00 | 3,000.01 yuan and so on),
 * the fixed 0.2–1 yuan range of the four categories; and dues-arrears.bpmn20.xml's paths on a real process engine.
 */
class DuesModelTest {

    static DmnEngine dmn;
    static DmnDecisionService decisions;
    static ProcessEngine engine;
    static RuntimeService runtime;
    static TaskService tasks;

    @BeforeAll
    static void engines() throws Exception {
        var db = cn.xianfeng.testing.RealServices.freshDatabase();
        DmnEngineConfiguration cfg = DmnEngineConfiguration.createStandaloneDmnEngineConfiguration();
        cfg.setJdbcUrl(db.jdbcUrl());
        cfg.setJdbcUsername(db.username());
        cfg.setJdbcPassword(db.password());
        cfg.setJdbcDriver("org.postgresql.Driver");
        cfg.setDatabaseSchemaUpdate("true");
        dmn = cfg.buildDmnEngine();
        dmn.getDmnRepositoryService().createDeployment().addString("dues-standard.dmn",
                Files.readString(ProcessTestEngine.modelFolder().resolve("dues-standard.dmn"))).deploy();
        decisions = dmn.getDmnDecisionService();
        engine = ProcessTestEngine.start(Map.of("groups", new ProcessTestEngine.Groups(Map.of("B1", "T1"))));
        runtime = engine.getRuntimeService();
        tasks = engine.getTaskService();
    }

    @AfterAll
    static void close() {
        dmn.close();
        engine.close();
    }

    private static Map<String, Object> decide(String category, long baseFen) {
        Map<String, Object> r = decisions.createExecuteDecisionBuilder().decisionKey("dues-standard")
                .variable("category", category).variable("monthlyBaseFen", baseFen).executeWithSingleResult();
        assertThat(r).as(category + " " + baseFen).isNotNull();
        return r;
    }

    private static long rate(String category, long baseFen) {
        Map<String, Object> r = decide(category, baseFen);
        assertThat(r.get("kind")).as(category + " " + baseFen).isEqualTo("RATE");
        return ((Number) r.get("ratePerMille")).longValue();
    }

    @Test
    void employeesPayByBandWithEachBoundaryInTheLowerBand() {
        assertThat(rate("EMPLOYEE", 1)).isEqualTo(5);
        assertThat(rate("EMPLOYEE", 300_000)).as("3,000.00 yuan").isEqualTo(5);
        assertThat(rate("EMPLOYEE", 300_001)).as("3,000.01 yuan").isEqualTo(10);
        assertThat(rate("EMPLOYEE", 500_000)).as("5,000.00 yuan").isEqualTo(10);
        assertThat(rate("EMPLOYEE", 500_001)).as("5,000.01 yuan").isEqualTo(15);
        assertThat(rate("EMPLOYEE", 1_000_000)).as("10,000.00 yuan").isEqualTo(15);
        assertThat(rate("EMPLOYEE", 1_000_001)).as("10,000.01 yuan").isEqualTo(20);
        assertThat(rate("EMPLOYEE", 1_000_000_000)).isEqualTo(20);
    }

    @Test
    void retireesPayHalfAPercentUpToFiveThousandAndOnePercentAbove() {
        assertThat(rate("RETIREE", 0)).isEqualTo(5);
        assertThat(rate("RETIREE", 300_001)).as("employees' first boundary is not a retiree's").isEqualTo(5);
        assertThat(rate("RETIREE", 500_000)).as("5,000.00 yuan").isEqualTo(5);
        assertThat(rate("RETIREE", 500_001)).as("5,000.01 yuan").isEqualTo(10);
        assertThat(rate("RETIREE", 2_000_000)).isEqualTo(10);
    }

    @Test
    void farmersStudentsTheUnemployedAndThoseOnReliefPayAFixedTwentyToOneHundredFen() {
        for (String category : List.of("FARMER", "STUDENT", "UNEMPLOYED", "RELIEF")) {
            for (long base : List.of(0L, 300_001L, 5_000_000L)) {
                Map<String, Object> r = decide(category, base);
                assertThat(r.get("kind")).as(category).isEqualTo("FIXED");
                assertThat(((Number) r.get("minFen")).longValue()).as(category + " 0.2 yuan").isEqualTo(20);
                assertThat(((Number) r.get("maxFen")).longValue()).as(category + " 1 yuan").isEqualTo(100);
            }
        }
    }

    @Test
    void anUnknownCategoryMatchesNoRule() {
        assertThat(decisions.createExecuteDecisionBuilder().decisionKey("dues-standard")
                .variable("category", "OFFICIAL").variable("monthlyBaseFen", 100_000L).executeWithSingleResult())
                .isNullOrEmpty();
    }

    private Task only(String caseId) {
        List<Task> open = tasks.createTaskQuery().processInstanceId(caseId).list();
        assertThat(open).hasSize(1);
        return open.get(0);
    }

    @Test
    void theTalkIsTheBranchSecretarysAndOnlyAReportGoesOnToTheCommittee() {
        for (String outcome : List.of("PAID", "REASON_ACCEPTED")) {
            String caseId = runtime.startProcessInstanceByKey("dues-arrears", Map.of("orgCode", "B1")).getId();
            Task talk = only(caseId);
            assertThat(talk.getName()).isEqualTo("谈话");
            assertThat(talk.getDueDate()).isNotNull();
            assertThat(tasks.getIdentityLinksForTask(talk.getId())).extracting(l -> l.getGroupId())
                    .containsExactly("SECRETARY@B1");
            tasks.complete(talk.getId(), Map.of("outcome", outcome));
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(caseId).count()).as(outcome).isZero();
            assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(caseId)
                    .singleResult().getEndActivityId()).isEqualTo("resolved");
        }
        String caseId = runtime.startProcessInstanceByKey("dues-arrears", Map.of("orgCode", "B1")).getId();
        tasks.complete(only(caseId).getId(), Map.of("outcome", "REPORTED"));
        Task committee = only(caseId);
        assertThat(committee.getTaskDefinitionKey()).isEqualTo("committeeHandling");
        assertThat(tasks.getIdentityLinksForTask(committee.getId())).extracting(l -> l.getGroupId())
                .containsExactly("COMMITTEE_REVIEWER@T1");
        tasks.complete(committee.getId());
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(caseId)
                .singleResult().getEndActivityId()).isEqualTo("handled");
    }
}
