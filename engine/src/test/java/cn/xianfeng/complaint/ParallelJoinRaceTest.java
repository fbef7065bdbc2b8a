package cn.xianfeng.complaint;

import cn.xianfeng.audit.AuditEvent;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.workflow.WorkflowTypes.CurrentStep;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Joint handling (联动处置) is the models' only parallel construct: the responsible org's "handle" and one
 * multi-instance "coHandle" per co-handling org, joined by the parallel gateway handlingJoin. Here the three
 * owners complete their three different tasks at the same instant, N times (-Dxianfeng.trials, 100 by default;
 * the full count is -Dxianfeng.trials=1000). None may be refused — the optimistic lock Flowable takes on
 * the join is the engine's business, not the user's — the join fires exactly once, every task has exactly one
 * completion in the audit trail, and the case goes on to the reply and the evaluation.
 */
class ParallelJoinRaceTest extends ComplaintTestSupport {

    static final int TRIALS = Integer.getInteger("xianfeng.trials", 100);
    static ExecutorService pool;

    @Autowired AuditTrail audit;

    @BeforeAll
    static void threads() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @Test
    void threeOwnersCompleteTheirBranchesAtOnceAndTheJoinFiresOnce() throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            String caseId = caseOf(file("INFRASTRUCTURE", null, false));
            dispatch(caseId, "Q-T", List.of("Q-T-B2", "Q-T-B3"), null);
            complete(caseId, "respond", "qtsec", Map.of("response", "已联系"));
            List<CurrentStep> branches = cases.view(caseId, "qaudit").current();
            assertThat(branches).extracting(CurrentStep::stepId).containsExactlyInAnyOrder("handle", "coHandle", "coHandle");

            CyclicBarrier barrier = new CyclicBarrier(branches.size());
            List<Future<Object>> all = new ArrayList<>();
            for (CurrentStep branch : branches) {
                String owner = owner(branch);
                Map<String, Object> data = branch.stepId().equals("handle")
                        ? Map.of("result", "RESOLVED", "handling", "街道协调施工")
                        : Map.of("coHandling", "配合处置");
                all.add(pool.submit(() -> {
                    barrier.await(120, TimeUnit.SECONDS);
                    try {
                        tasks.complete(branch.taskId(), data, null, owner, ZH);
                        return "done";
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            for (Future<Object> f : all) {
                Object outcome = f.get(60, TimeUnit.SECONDS);
                if (!"done".equals(outcome)) {
                    throw new AssertionError("trial " + trial + ": a branch owner was refused: " + outcome,
                            (Throwable) outcome);
                }
            }

            assertThat(open(caseId)).as("trial %d: the join fired once", trial).containsExactly("reply");
            assertThat(activeActivities(caseId)).as("trial %d: executions", trial).containsExactly("reply");
            assertThat(jdbc.sql("select count(*) from act_hi_actinst where proc_inst_id_ = ? and act_id_ = 'reply'")
                    .param(caseId).query(Long.class).single()).as("trial %d: reply reached once", trial).isEqualTo(1);
            List<AuditEvent> completions = audit.forCase(caseId).stream()
                    .filter(e -> "TASK_COMPLETED".equals(e.action())).toList();
            for (CurrentStep branch : branches) {
                assertThat(completions).as("trial %d: completions of %s", trial, branch.stepId())
                        .filteredOn(e -> branch.taskId().equals(e.taskId())).hasSize(1);
            }

            complete(caseId, "reply", "qtsec", Map.of("reply", "已处理完毕"));
            assertThat(open(caseId)).as("trial %d", trial).containsExactly("evaluate");
        }
    }

    private static String owner(CurrentStep step) {
        String group = step.candidates().get(0);
        return switch (group) {
            case "SECRETARY@Q-T" -> "qtsec";
            case "SECRETARY@Q-T-B2" -> "qsec2";
            case "SECRETARY@Q-T-B3" -> "qsec3";
            default -> throw new AssertionError("unexpected candidates " + step.candidates());
        };
    }

    /** The activities the case's executions stand in: one execution waiting in "reply", nothing left at the join. */
    private List<String> activeActivities(String caseId) {
        return jdbc.sql("select act_id_ from act_ru_execution where proc_inst_id_ = ? and act_id_ is not null"
                        + " and is_active_ = true")
                .param(caseId).query(String.class).list();
    }
}
