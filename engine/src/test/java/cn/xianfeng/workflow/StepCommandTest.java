package cn.xianfeng.workflow;

import cn.xianfeng.TestCounty;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.WorkflowTypes.Completion;
import cn.xianfeng.workflow.WorkflowTypes.NextStep;
import cn.xianfeng.workflow.internal.StepCompletion;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step done as one engine command learns "what comes next" and "did the case end" from the engine's events during
 * the command. Here on a model with a parallel branch and a loop: the answer equals what Flowable's tables say after
 * the commit (open tasks of the other branch included, a step done before marked repeated), and the end is seen.
 */
@SpringBootTest
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class StepCommandTest {

    static final String PROBE = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" targetNamespace="probe">
              <process id="step-probe" name="探针" isExecutable="true">
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
                <parallelGateway id="fork"/>
                <sequenceFlow id="f2" sourceRef="fork" targetRef="a"/>
                <sequenceFlow id="f3" sourceRef="fork" targetRef="b"/>
                <userTask id="a" name="甲" flowable:candidateUsers="member1"/>
                <userTask id="b" name="乙" flowable:candidateUsers="member1"/>
                <sequenceFlow id="f4" sourceRef="a" targetRef="again"/>
                <exclusiveGateway id="again" default="f6"/>
                <sequenceFlow id="f5" sourceRef="again" targetRef="a">
                  <conditionExpression xsi:type="tFormalExpression">${loop}</conditionExpression>
                </sequenceFlow>
                <sequenceFlow id="f6" sourceRef="again" targetRef="join"/>
                <sequenceFlow id="f7" sourceRef="b" targetRef="join"/>
                <parallelGateway id="join"/>
                <sequenceFlow id="f8" sourceRef="join" targetRef="end"/>
                <endEvent id="end"/>
              </process>
            </definitions>""";

    @Autowired Tasks tasks;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired StepCompletion completion;
    @Autowired TransactionTemplate transactions;
    @Autowired Orgs orgs;
    @Autowired People people;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void model() {
        TestCounty.create(orgs, people);
        if (repository.createProcessDefinitionQuery().processDefinitionKey("step-probe").count() == 0) {
            repository.createDeployment().name("step-probe").addString("step-probe.bpmn20.xml", PROBE).deploy();
        }
    }

    private Task open(String caseId, String key) {
        return taskService.createTaskQuery().processInstanceId(caseId).taskDefinitionKey(key).singleResult();
    }

    /** What the tables say once the step committed (the query-based answer the command replaces). */
    private List<NextStep> fromTables(String caseId) {
        return transactions.execute(s -> completion.completion(caseId)).next();
    }

    @Test
    void nextStepsAndTheEndComeFromTheCommandAndAgreeWithTheTables() {
        String caseId = runtime.startProcessInstanceByKey("step-probe", Map.of("loop", true)).getId();

        Completion looped = tasks.complete(open(caseId, "a").getId(), Map.of(), null, "member1", Locale.CHINA);
        assertThat(looped.status()).isEqualTo(CaseStatus.ACTIVE);
        assertThat(looped.next()).extracting(NextStep::stepId).containsExactlyInAnyOrder("a", "b");
        assertThat(looped.next()).filteredOn(n -> n.stepId().equals("a")).singleElement()
                .satisfies(n -> assertThat(n.repeated()).as("a again").isTrue());
        assertThat(looped.next()).filteredOn(n -> n.stepId().equals("b")).singleElement()
                .satisfies(n -> assertThat(n.repeated()).as("b still the first time").isFalse());
        assertThat(looped.next()).containsExactlyInAnyOrderElementsOf(fromTables(caseId));

        runtime.setVariable(caseId, "loop", false);
        Completion joined = tasks.complete(open(caseId, "a").getId(), Map.of(), "甲办完", "member1", Locale.CHINA);
        assertThat(joined.next()).extracting(NextStep::stepId).containsExactly("b");
        assertThat(joined.next()).containsExactlyInAnyOrderElementsOf(fromTables(caseId));

        Completion ended = tasks.complete(open(caseId, "b").getId(), Map.of(), null, "member1", Locale.CHINA);
        assertThat(ended.next()).isEmpty();
        assertThat(ended.status()).isEqualTo(CaseStatus.COMPLETED);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(caseId).count()).isZero();
    }

    /** Flowable's default would add a case-level "participant" link per person (a lookup per step); none is kept. */
    @Test
    void aStepLeavesNoParticipantLinkOnTheCaseAndTheNextStepsCandidatesStay() {
        String caseId = runtime.startProcessInstanceByKey("step-probe", Map.of("loop", false)).getId();

        tasks.complete(open(caseId, "a").getId(), Map.of(), "办完", "member1", Locale.CHINA);

        assertThat(runtime.getIdentityLinksForProcessInstance(caseId))
                .noneMatch(l -> "participant".equals(l.getType()));
        assertThat(taskService.getIdentityLinksForTask(open(caseId, "b").getId()))
                .anySatisfy(l -> {
                    assertThat(l.getType()).isEqualTo("candidate");
                    assertThat(l.getUserId()).isEqualTo("member1");
                });
        assertThat(taskService.createTaskQuery().processInstanceId(caseId).taskCandidateUser("member1").count())
                .isEqualTo(1);
        // the claim inside the step left no "event" comment; the opinion is the audit event's, not a Flowable comment
        assertThat(jdbc.sql("select count(*) from act_hi_comment where proc_inst_id_ = ?").param(caseId)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select comment from audit_event where case_id = ? and action = 'TASK_COMPLETED'")
                .param(caseId).query(String.class).list()).containsExactly("办完");
        // a comment on a task outside a completion is still Flowable's too (the withdrawal check reads it)
        String b = open(caseId, "b").getId();
        tasks.comment(b, "请补充材料", "member1");
        assertThat(taskService.getTaskComments(b)).extracting(c -> c.getFullMessage()).containsExactly("请补充材料");
    }

    @Autowired javax.sql.DataSource dataSource;

    /**
     * A timer firing on a case while its step completes can lock the case's execution rows in the other order:
     * PostgreSQL then aborts one transaction (40P01). Here a rival holds the rows and then asks for the case lock the
     * step holds; the step, chosen as the victim, runs again once the rival is gone and completes.
     */
    @Test
    void aStepThatLosesADeadlockRunsAgainAndCompletes() throws Exception {
        String caseId = runtime.startProcessInstanceByKey("step-probe", Map.of("loop", false)).getId();
        String taskA = open(caseId, "a").getId();
        try (java.sql.Connection rival = dataSource.getConnection(); java.sql.Connection watch = dataSource.getConnection()) {
            try (java.sql.Statement s = rival.createStatement()) {
                s.execute("set deadlock_timeout = '60s'"); // the step, waiting 1 s by default, finds the cycle first
            } catch (java.sql.SQLException notSuperuser) {
                // the rival asks within a second of the step's wait below: the step still finds the cycle first
            }
            rival.setAutoCommit(false);
            try (var rows = rival.prepareStatement("select id_ from act_ru_execution where proc_inst_id_ = ? for update")) {
                rows.setString(1, caseId);
                rows.executeQuery().close();
            }
            java.util.concurrent.CompletableFuture<Completion> step = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> tasks.complete(taskA, Map.of(), null, "member1", Locale.CHINA));
            long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
            while (!waitsForExecutionRows(watch)) {
                assertThat(step).as("the step must wait for the rival's rows").isNotDone();
                assertThat(System.nanoTime()).as("the step never waited for the rival's rows").isLessThan(deadline);
                Thread.sleep(10);
            }
            try (var lock = rival.prepareStatement("select pg_advisory_xact_lock(hashtext('case:' || ?))")) {
                lock.setString(1, caseId);
                lock.executeQuery().close(); // granted once the step, the deadlock's victim, rolled back
            }
            rival.rollback();
            Completion done = step.get(2, java.util.concurrent.TimeUnit.MINUTES);
            assertThat(done.next()).extracting(NextStep::stepId).containsExactly("b");
        }
        assertThat(taskService.createTaskQuery().processInstanceId(caseId).list()).extracting(Task::getTaskDefinitionKey)
                .as("a done once, b still open").containsExactly("b");
    }

    private static boolean waitsForExecutionRows(java.sql.Connection watch) throws java.sql.SQLException {
        try (var q = watch.prepareStatement("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                + "and query ilike '%act_ru_execution%' and pid <> pg_backend_pid()");
             var rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }
}
