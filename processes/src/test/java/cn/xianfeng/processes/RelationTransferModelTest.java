package cn.xianfeng.processes;

import cn.xianfeng.testing.RealServices;
import org.flowable.bpmn.model.UserTask;
import org.flowable.dmn.engine.DmnEngine;
import org.flowable.dmn.engine.DmnEngineConfiguration;
import org.flowable.dmn.engine.impl.cfg.StandaloneDmnEngineConfiguration;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.job.api.Job;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * processes/relation-transfer.bpmn20.xml and letter-validity.dmn on real engines, driven by variables alone: each
 * kind of move takes its route (across committees, inside one, outside Xianfeng), each refusal ends the case at its
 * own end event, an expired letter is reissued or the transfer withdrawn, and the decision table's days.
 */
class RelationTransferModelTest {

    static ProcessEngine engine;
    static DmnEngine dmn;
    static RuntimeService runtime;
    static TaskService tasks;
    static HistoryService history;

    @BeforeAll
    static void engines() throws Exception {
        engine = ProcessTestEngine.start(Map.of("groups",
                new ProcessTestEngine.Groups(Map.of("B1", "T1", "B2", "T1", "B9", "T9", "T1", "C1", "T9", "C1"))));
        runtime = engine.getRuntimeService();
        tasks = engine.getTaskService();
        history = engine.getHistoryService();
        RealServices.Database db = RealServices.freshDatabase();
        DmnEngineConfiguration cfg = new StandaloneDmnEngineConfiguration();
        cfg.setJdbcUrl(db.jdbcUrl());
        cfg.setJdbcUsername(db.username());
        cfg.setJdbcPassword(db.password());
        cfg.setJdbcDriver("org.postgresql.Driver");
        cfg.setDatabaseSchemaUpdate("true");
        dmn = cfg.buildDmnEngine();
        dmn.getDmnRepositoryService().createDeployment().addString("letter-validity.dmn",
                Files.readString(ProcessTestEngine.modelFolder().resolve("letter-validity.dmn"))).deploy();
    }

    @AfterAll
    static void close() {
        engine.close();
        dmn.close();
    }

    @Test
    void validityIsThirtyDaysWithinAProvinceAndNinetyAcross() {
        Map<String, Integer> expected = Map.of("WITHIN_COMMITTEE", 30, "WITHIN_PROVINCE", 30, "ACROSS_PROVINCE", 90,
                "OUTSIDE_XIANFENG", 90);
        expected.forEach((kind, days) -> {
            Map<String, Object> result = dmn.getDmnDecisionService().createExecuteDecisionBuilder()
                    .decisionKey("letterValidity").variable("moveKind", kind).executeWithSingleResult();
            assertThat(((Number) result.get("validityDays")).intValue()).as(kind).isEqualTo(days);
        });
    }

    @Test
    void everyStepHasAFormAndAReadableId() {
        String id = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("relation-transfer")
                .singleResult().getId();
        List<UserTask> steps = engine.getRepositoryService().getBpmnModel(id).getMainProcess()
                .findFlowElementsOfType(UserTask.class);
        assertThat(steps).extracting(UserTask::getId).containsExactlyInAnyOrder("outgoingCheck", "issueLetter",
                "receivingCommittee", "letterExpired", "receivingBranch", "reportIn", "receipt", "receiptByHand");
        assertThat(steps).allSatisfy(t -> assertThat(t.getFormKey()).startsWith("transfer-"));
    }

    private ProcessInstance start(String kind, String to) {
        Map<String, Object> vars = new HashMap<>(Map.of("member", "m1", "orgCode", "B1", "moveKind", kind));
        if (to != null) {
            vars.put("toOrgCode", to);
        }
        return runtime.startProcessInstanceByKey("relation-transfer", vars);
    }

    private Task task(ProcessInstance p, String step) {
        Task t = tasks.createTaskQuery().processInstanceId(p.getId()).taskDefinitionKey(step).includeIdentityLinks()
                .singleResult();
        assertThat(t).as(step + " is current").isNotNull();
        return t;
    }

    private void complete(ProcessInstance p, String step, Map<String, Object> vars) {
        tasks.complete(task(p, step).getId(), vars);
    }

    private List<String> groups(Task t) {
        return t.getIdentityLinks().stream().filter(l -> l.getGroupId() != null).map(l -> l.getGroupId()).toList();
    }

    private String endOf(ProcessInstance p) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(p.getId()).singleResult().getEndActivityId();
    }

    private static Map<String, Object> approve(Object... more) {
        Map<String, Object> m = new HashMap<>(Map.of("decision", "APPROVE"));
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    private static Date inDays(int days) {
        return Date.from(Instant.now().plus(days, ChronoUnit.DAYS));
    }

    @Test
    void acrossCommitteesTheReceiversDecideAndTheReceiptClosesTheLoop() {
        ProcessInstance p = start("WITHIN_PROVINCE", "B9");
        assertThat(groups(task(p, "outgoingCheck"))).containsExactly("SECRETARY@B1");
        complete(p, "outgoingCheck", approve());
        assertThat(groups(task(p, "issueLetter"))).contains("COMMITTEE_REVIEWER@T1");
        complete(p, "issueLetter", approve("letterExpiresAt", inDays(30)));
        assertThat(groups(task(p, "receivingCommittee"))).contains("COMMITTEE_REVIEWER@T9");
        complete(p, "receivingCommittee", approve());
        assertThat(groups(task(p, "receivingBranch"))).containsExactly("SECRETARY@B9");
        complete(p, "receivingBranch", approve());
        assertThat(task(p, "reportIn").getIdentityLinks()).anyMatch(l -> "m1".equals(l.getUserId()));
        complete(p, "reportIn", Map.of());
        assertThat(groups(task(p, "receipt"))).contains("COMMITTEE_REVIEWER@T1");
        complete(p, "receipt", Map.of());
        assertThat(endOf(p)).isEqualTo("transferred");
    }

    @Test
    void insideOneCommitteeTheReceivingCommitteeAndTheReceiptAreSkipped() {
        ProcessInstance p = start("WITHIN_COMMITTEE", "B2");
        complete(p, "outgoingCheck", approve());
        complete(p, "issueLetter", approve("letterExpiresAt", inDays(30)));
        assertThat(groups(task(p, "receivingBranch"))).containsExactly("SECRETARY@B2");
        complete(p, "receivingBranch", approve());
        complete(p, "reportIn", Map.of());
        assertThat(endOf(p)).isEqualTo("transferred");
    }

    @Test
    void outsideXianfengEndsWithAReceiptRecordedByHand() {
        ProcessInstance p = start("OUTSIDE_XIANFENG", null);
        complete(p, "outgoingCheck", approve());
        complete(p, "issueLetter", approve("letterExpiresAt", inDays(90)));
        complete(p, "receiptByHand", Map.of());
        assertThat(endOf(p)).isEqualTo("transferredOut");
    }

    @Test
    void eachRefusalEndsAtItsOwnRejectedEnd() {
        ProcessInstance p = start("ACROSS_PROVINCE", "B9");
        complete(p, "outgoingCheck", Map.of("decision", "REJECT"));
        assertThat(endOf(p)).isEqualTo("rejectedOutgoing");

        p = start("ACROSS_PROVINCE", "B9");
        complete(p, "outgoingCheck", approve());
        complete(p, "issueLetter", approve("letterExpiresAt", inDays(90)));
        complete(p, "receivingCommittee", Map.of("decision", "REJECT"));
        assertThat(endOf(p)).isEqualTo("rejectedReceiver");

        p = start("ACROSS_PROVINCE", "B9");
        complete(p, "outgoingCheck", approve());
        complete(p, "issueLetter", approve("letterExpiresAt", inDays(90)));
        complete(p, "receivingCommittee", approve());
        complete(p, "receivingBranch", Map.of("decision", "REJECT"));
        assertThat(endOf(p)).isEqualTo("rejectedBranch");
    }

    @Test
    void anExpiredLetterIsReissuedWithANewExpiryOrTheTransferWithdrawn() {
        ProcessInstance p = start("WITHIN_PROVINCE", "B9");
        complete(p, "outgoingCheck", approve());
        complete(p, "issueLetter", approve("letterExpiresAt", inDays(-1)));
        fireTimers(p);
        assertThat(tasks.createTaskQuery().processInstanceId(p.getId()).taskDefinitionKey("receivingCommittee").count())
                .as("the receiving committee can no longer decide on an expired letter").isZero();
        complete(p, "letterExpired", Map.of("decision", "REISSUE", "letterExpiresAt", inDays(30)));
        fireTimers(p);
        complete(p, "receivingCommittee", approve());
        assertThat(task(p, "receivingBranch")).isNotNull();

        ProcessInstance q = start("WITHIN_PROVINCE", "B9");
        complete(q, "outgoingCheck", approve());
        complete(q, "issueLetter", approve("letterExpiresAt", inDays(-1)));
        fireTimers(q);
        complete(q, "letterExpired", Map.of("decision", "WITHDRAW"));
        assertThat(endOf(q)).isEqualTo("cancelledWithdrawn");
    }

    private void fireTimers(ProcessInstance p) {
        var management = engine.getManagementService();
        for (Job timer : management.createTimerJobQuery().processInstanceId(p.getId()).list()) {
            if (!timer.getDuedate().after(new Date())) {
                management.executeJob(management.moveTimerToExecutableJob(timer.getId()).getId());
            }
        }
    }
}
