package cn.xianfeng.processes;

import cn.xianfeng.testing.RealServices;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowable.dmn.api.DmnDecisionService;
import org.flowable.dmn.engine.DmnEngine;
import org.flowable.dmn.engine.impl.cfg.StandaloneDmnEngineConfiguration;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.job.api.Job;
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

import static cn.xianfeng.processes.AdmissionModelTest.inDays;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * processes/complaint.bpmn20.xml driven by variables on a real engine, and processes/complaint-routing.dmn on a real
 * DMN engine. The engine module's tests run both with the application's rules (working days, the real routing).
 */
class ComplaintModelTest {

    static ProcessEngine engine;
    static RuntimeService runtime;
    static TaskService tasks;
    static final List<String> escalated = new ArrayList<>();

    /** Stands in for the complaint module's routing bean: the route and the due dates come in as variables. */
    public static class Routing {
        public void route(DelegateExecution execution) {
            execution.setVariable("routed", true);
        }

        public String secretaries(Object org) {
            return "SECRETARY@" + (org instanceof com.fasterxml.jackson.databind.JsonNode n ? n.asText() : org);
        }

        public String higherCommittee(String role, String org) {
            return role + "@above-" + org;
        }
    }

    public static class Escalations {
        public void overdue(DelegateExecution execution, String stepId) {
            escalated.add(execution.getProcessInstanceId() + ":" + stepId);
        }
    }

    @BeforeAll
    static void engine() throws Exception {
        engine = ProcessTestEngine.start(Map.of("groups", new ProcessTestEngine.Groups(Map.of()),
                "complaintRouting", new Routing(), "complaintEscalations", new Escalations()));
        runtime = engine.getRuntimeService();
        tasks = engine.getTaskService();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private ProcessInstance start() {
        Map<String, Object> vars = new HashMap<>(Map.of("orgCode", "C", "category", "COMMUNITY_SERVICE",
                "dispatchDue", inDays(1), "evaluationDue", inDays(30), "dissatisfiedCount", 0));
        return runtime.startProcessInstanceByKey("complaint", vars);
    }

    private List<Task> open(ProcessInstance p) {
        return tasks.createTaskQuery().processInstanceId(p.getId()).includeIdentityLinks().list();
    }

    private Task task(ProcessInstance p, String step) {
        return open(p).stream().filter(t -> t.getTaskDefinitionKey().equals(step)).findFirst().orElseThrow();
    }

    private void complete(ProcessInstance p, String step, Map<String, Object> vars) {
        tasks.complete(task(p, step).getId(), vars);
    }

    private void dispatch(ProcessInstance p, List<String> coOrgs, Date respondDue, Date handlingDue) {
        complete(p, "dispatch", Map.of("handlerOrg", "B1", "coOrgs", new ObjectMapper().valueToTree(coOrgs),
                "respondDue", respondDue, "handlingDue", handlingDue));
    }

    private void handleAndReply(ProcessInstance p) {
        complete(p, "handle", Map.of("result", "RESOLVED"));
        for (Task co : open(p).stream().filter(t -> t.getTaskDefinitionKey().equals("coHandle")).toList()) {
            tasks.complete(co.getId());
        }
        complete(p, "reply", Map.of("reply", "已处理"));
    }

    private String endOf(ProcessInstance p) {
        var h = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(p.getId()).singleResult();
        return h.getEndTime() == null ? null : h.getEndActivityId();
    }

    private void fireTimers(ProcessInstance p) {
        var management = engine.getManagementService();
        for (Job timer : management.createTimerJobQuery().processInstanceId(p.getId()).list()) {
            if (!timer.getDuedate().after(new Date())) {
                management.executeJob(management.moveTimerToExecutableJob(timer.getId()).getId());
            }
        }
    }

    @Test
    void routedThenDispatchedToTheDispatchersAndSatisfiedCloses() {
        ProcessInstance p = start();
        assertThat(runtime.getVariable(p.getId(), "routed")).isEqualTo(true);
        Task dispatch = task(p, "dispatch");
        assertThat(dispatch.getIdentityLinks()).anyMatch(l -> "DISPATCHER@C".equals(l.getGroupId()));

        dispatch(p, List.of(), inDays(1), inDays(7));
        Task respond = task(p, "respond");
        assertThat(respond.getIdentityLinks()).anyMatch(l -> "SECRETARY@B1".equals(l.getGroupId()));
        complete(p, "respond", Map.of());
        assertThat(open(p)).extracting(Task::getTaskDefinitionKey).containsExactly("handle");
        handleAndReply(p);
        assertThat(task(p, "evaluate").getAssignee()).isEqualTo("~public");
        complete(p, "evaluate", Map.of("rating", "BASICALLY_SATISFIED", "dissatisfiedCount", 0));
        assertThat(endOf(p)).isEqualTo("closed");
    }

    @Test
    void coHandlingOrgsWorkInParallelAndTheReplyWaitsForAll() {
        ProcessInstance p = start();
        dispatch(p, List.of("B2", "B3"), inDays(1), inDays(7));
        complete(p, "respond", Map.of());
        assertThat(open(p)).extracting(Task::getTaskDefinitionKey).containsExactlyInAnyOrder("handle", "coHandle", "coHandle");
        assertThat(open(p).stream().filter(t -> t.getTaskDefinitionKey().equals("coHandle"))
                .flatMap(t -> t.getIdentityLinks().stream()).map(l -> l.getGroupId()))
                .containsExactlyInAnyOrder("SECRETARY@B2", "SECRETARY@B3");
        complete(p, "handle", Map.of("result", "RESOLVED"));
        assertThat(open(p)).extracting(Task::getTaskDefinitionKey).containsOnly("coHandle");
        open(p).forEach(t -> tasks.complete(t.getId()));
        assertThat(open(p)).extracting(Task::getTaskDefinitionKey).containsExactly("reply");
    }

    @Test
    void dissatisfiedReopensOnceThenGoesToTheHigherCommittee() {
        ProcessInstance p = start();
        dispatch(p, List.of(), inDays(1), inDays(7));
        complete(p, "respond", Map.of());
        handleAndReply(p);
        complete(p, "evaluate", Map.of("rating", "DISSATISFIED", "dissatisfiedCount", 1));
        assertThat(open(p)).extracting(Task::getTaskDefinitionKey).containsExactly("handle");
        handleAndReply(p);
        complete(p, "evaluate", Map.of("rating", "DISSATISFIED", "dissatisfiedCount", 2));
        Task review = task(p, "review");
        assertThat(review.getIdentityLinks()).anyMatch(l -> "COMMITTEE_REVIEWER@above-B1".equals(l.getGroupId()));
        complete(p, "review", Map.of());
        assertThat(endOf(p)).isEqualTo("escalatedClosed");
    }

    @Test
    void overdueResponseAndHandlingEscalateWithoutEndingTheSteps() {
        ProcessInstance p = start();
        dispatch(p, List.of(), inDays(-1), inDays(-1));
        fireTimers(p);
        assertThat(escalated).contains(p.getId() + ":respond");
        complete(p, "respond", Map.of());
        fireTimers(p);
        assertThat(escalated).contains(p.getId() + ":handle");
        assertThat(open(p)).extracting(Task::getTaskDefinitionKey).containsExactly("handle");
    }

    @Test
    void anUnevaluatedCaseClosesWhenTheEvaluationTimeRunsOut() {
        Map<String, Object> vars = new HashMap<>(Map.of("orgCode", "C", "dispatchDue", inDays(1),
                "evaluationDue", inDays(-1), "dissatisfiedCount", 0));
        ProcessInstance p = runtime.startProcessInstanceByKey("complaint", vars);
        dispatch(p, List.of(), inDays(1), inDays(7));
        complete(p, "respond", Map.of());
        handleAndReply(p);
        fireTimers(p);
        assertThat(endOf(p)).isEqualTo("closedUnevaluated");
    }

    @Test
    void theRoutingTableMapsEachCategoryToAnOrgTypeAndATimeLimit() throws Exception {
        RealServices.Database db = RealServices.freshDatabase();
        StandaloneDmnEngineConfiguration cfg = new StandaloneDmnEngineConfiguration();
        cfg.setJdbcUrl(db.jdbcUrl());
        cfg.setJdbcUsername(db.username());
        cfg.setJdbcPassword(db.password());
        cfg.setJdbcDriver("org.postgresql.Driver");
        cfg.setDatabaseSchemaUpdate("true");
        DmnEngine dmn = cfg.buildDmnEngine();
        try {
            dmn.getDmnRepositoryService().createDeployment().addString("complaint-routing.dmn",
                    Files.readString(ProcessTestEngine.modelFolder().resolve("complaint-routing.dmn"))).deploy();
            DmnDecisionService decisions = dmn.getDmnDecisionService();
            Map<String, Object> community = decisions.createExecuteDecisionBuilder().decisionKey("complaintRouting")
                    .variable("category", "COMMUNITY_SERVICE").executeWithSingleResult();
            assertThat(community).containsEntry("routeOrgType", "BRANCH");
            assertThat(((Number) community.get("timeLimitDays")).intValue()).isEqualTo(3);
            Map<String, Object> roads = decisions.createExecuteDecisionBuilder().decisionKey("complaintRouting")
                    .variable("category", "INFRASTRUCTURE").executeWithSingleResult();
            assertThat(roads).containsEntry("routeOrgType", "COMMITTEE");
            assertThat(((Number) roads.get("timeLimitDays")).intValue()).isEqualTo(15);
            assertThat(decisions.createExecuteDecisionBuilder().decisionKey("complaintRouting")
                    .variable("category", "NO_SUCH").executeWithSingleResult()).isNullOrEmpty();
        } finally {
            dmn.close();
        }
    }
}
