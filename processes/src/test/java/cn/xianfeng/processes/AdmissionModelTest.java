package cn.xianfeng.processes;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.Lane;
import org.flowable.bpmn.model.UserTask;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * processes/admission.bpmn20.xml on a real engine, driven by variables alone: its structure (25 numbered steps in
 * five stage lanes, each with a form), the happy path, and where each decision leads. The engine module's tests
 * run the same model with the application's rules.
 */
class AdmissionModelTest {

    static ProcessEngine engine;
    static RuntimeService runtime;
    static TaskService tasks;
    static final List<String> escalated = new ArrayList<>();

    /** Stands in for the workflow module's escalation bean. */
    public static class Escalations {
        public void toCommitteeAbove(DelegateExecution execution, String stepId, String role) {
            escalated.add(stepId + ":" + role);
        }
    }

    @BeforeAll
    static void engine() throws Exception {
        engine = ProcessTestEngine.start(Map.of("groups", new ProcessTestEngine.Groups(Map.of("B1", "T1", "T1", "C1")),
                "escalations", new Escalations()));
        runtime = engine.getRuntimeService();
        tasks = engine.getTaskService();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void twentyFiveNumberedStepsInFiveStageLanesEachWithAForm() {
        String id = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("admission")
                .singleResult().getId();
        BpmnModel model = engine.getRepositoryService().getBpmnModel(id);
        List<UserTask> steps = model.getMainProcess().findFlowElementsOfType(UserTask.class).stream()
                .filter(t -> t.getId().matches("step\\d\\d")).toList();
        assertThat(steps).extracting(UserTask::getId).hasSize(25).doesNotHaveDuplicates();
        assertThat(steps).allSatisfy(t -> {
            assertThat(t.getFormKey()).startsWith("admission-");
            assertThat(t.getName()).isNotBlank();
        });
        List<Lane> lanes = model.getMainProcess().getLanes();
        assertThat(lanes).extracting(Lane::getId).containsExactly("stage1", "stage2", "stage3", "stage4", "stage5");
        int[] last = {2, 6, 11, 18, 25};
        for (int n = 1; n <= 25; n++) {
            int stage = n <= 2 ? 0 : n <= 6 ? 1 : n <= 11 ? 2 : n <= 18 ? 3 : 4;
            assertThat(lanes.get(stage).getFlowReferences()).as("step %d in stage %d (ends at %d)", n, stage + 1, last[stage])
                    .contains(String.format("step%02d", n));
        }
    }

    private ProcessInstance start() {
        return runtime.startProcessInstanceByKey("admission", Map.of("applicant", "app", "orgCode", "B1"));
    }

    private String current(ProcessInstance p) {
        return tasks.createTaskQuery().processInstanceId(p.getId()).list().stream()
                .map(t -> t.getTaskDefinitionKey()).filter(k -> k.matches("step\\d\\d")).findFirst().orElse(null);
    }

    private void complete(ProcessInstance p, String step, Map<String, Object> vars) {
        var task = tasks.createTaskQuery().processInstanceId(p.getId()).taskDefinitionKey(step).singleResult();
        tasks.complete(task.getId(), vars);
    }

    private void fireTimers(ProcessInstance p) {
        var management = engine.getManagementService();
        for (Job timer : management.createTimerJobQuery().processInstanceId(p.getId()).list()) {
            if (!timer.getDuedate().after(new Date())) {
                management.executeJob(management.moveTimerToExecutableJob(timer.getId()).getId());
            }
        }
    }

    static Date inDays(int days) {
        return Date.from(Instant.now().plus(days, ChronoUnit.DAYS));
    }

    @Test
    void theHappyPathEndsAdmittedAndOverdueApprovalsEscalate() {
        ProcessInstance p = start();
        Map<String, Object> approve = Map.of("decision", "APPROVE");
        for (int n = 1; n <= 25; n++) {
            String step = String.format("step%02d", n);
            if (step.equals("step22")) {
                assertThat(current(p)).as("waits for the end of probation").isNull();
                fireTimers(p);
            }
            assertThat(current(p)).isEqualTo(step);
            Map<String, Object> vars = new HashMap<>(approve);
            switch (step) {
                case "step01" -> vars.put("step02Due", inDays(30));
                case "step15" -> vars.putAll(Map.of("votePassed", true, "probationEnd", inDays(-1), "step17Due", inDays(-1)));
                case "step23" -> vars.putAll(Map.of("votePassed", true, "decision", "ON_TIME", "step24Due", inDays(90)));
                default -> { }
            }
            complete(p, step, vars);
            if (step.equals("step16")) {
                fireTimers(p);
                assertThat(escalated).contains("step17:ORG_DEPARTMENT");
            }
        }
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(p.getId())
                .singleResult().getEndActivityId()).isEqualTo("admitted");
    }

    @Test
    void decisionsLeadWhereTheRulesSay() {
        Map<String, String> rejectTo = Map.of("step03", "rejected03", "step04", "step03", "step07", "step06",
                "step08", "step07", "step10", "rejected10", "step12", "rejected12", "step13", "step12",
                "step17", "rejected17", "step18", "step17", "step24", "rejected24");
        rejectTo.forEach((step, target) -> {
            ProcessInstance p = start();
            walkTo(p, step);
            complete(p, step, Map.of("decision", "REJECT", "reason", "x"));
            if (target.startsWith("rejected")) {
                assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(p.getId())
                        .singleResult().getEndActivityId()).as(step).isEqualTo(target);
            } else {
                assertThat(current(p)).as(step).isEqualTo(target);
            }
        });
    }

    @Test
    void votesDecideAtSteps15And23() {
        ProcessInstance failed = start();
        walkTo(failed, "step15");
        complete(failed, "step15", Map.of("votePassed", false));
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(failed.getId())
                .singleResult().getEndActivityId()).isEqualTo("rejectedVote15");

        for (var outcome : Map.of("EXTEND", "step21", "CANCEL", "cancelled23", "REVOTE", "step23").entrySet()) {
            ProcessInstance p = start();
            walkTo(p, "step23");
            boolean revote = outcome.getKey().equals("REVOTE");
            complete(p, "step23", Map.of("votePassed", !revote, "decision", revote ? "ON_TIME" : outcome.getKey(),
                    "probationEnd", inDays(180)));
            if (outcome.getValue().startsWith("cancelled")) {
                assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(p.getId())
                        .singleResult().getEndActivityId()).isEqualTo("cancelled23");
            } else {
                assertThat(current(p)).as(outcome.getKey()).isEqualTo(outcome.getValue());
            }
        }
    }

    private void walkTo(ProcessInstance p, String target) {
        for (int n = 1; n <= 25; n++) {
            String step = String.format("step%02d", n);
            if (step.equals("step22")) {
                fireTimers(p);
            }
            if (step.equals(target)) {
                return;
            }
            Map<String, Object> vars = new HashMap<>(Map.of("decision", "APPROVE"));
            switch (step) {
                case "step01" -> vars.put("step02Due", inDays(30));
                case "step15" -> vars.putAll(Map.of("votePassed", true, "probationEnd", inDays(-1), "step17Due", inDays(90)));
                case "step23" -> vars.putAll(Map.of("votePassed", true, "decision", "ON_TIME", "step24Due", inDays(90)));
                default -> { }
            }
            complete(p, step, vars);
        }
    }
}
