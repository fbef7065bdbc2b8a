package cn.xianfeng.reliability;

import cn.xianfeng.TestCounty;
import cn.xianfeng.audit.AuditEvent;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two secretaries of one branch act on the same task at the same instant, N times (-Dxianfeng.trials, 200 by
 * default; the issue's full count is -Dxianfeng.trials=1000): exactly one wins, the other gets 409, and the
 * audit trail holds exactly one event for the task.
 */
@SpringBootTest(properties = {"xianfeng.clock.adjustable=true", "flowable.async-executor-activate=false"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class TaskRaceTest {

    static final int TRIALS = Integer.getInteger("xianfeng.trials", 200);
    static ExecutorService pool;

    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired AuditTrail audit;
    @Autowired Orgs orgs;
    @Autowired People people;
    @Autowired Clock clock;

    @BeforeAll
    static void threads() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    /** A branch of its own with two secretaries, so other tests' people keep their roles. */
    @BeforeEach
    void branch() {
        TestCounty.create(orgs, people);
        if (orgs.find("K-T-R").isPresent()) {
            return;
        }
        orgs.create(new NewOrg("K-T-R", "竞争测试党支部", OrgType.BRANCH, "K-T"), "admin");
        for (String[] p : new String[][]{{"racer", null}, {"race-sec-a", "SECRETARY"}, {"race-sec-b", "SECRETARY"}}) {
            people.create(new NewPerson(p[0], "测试" + p[0], LocalDate.of(1980, 1, 1), "K-T-R", MemberStatus.FULL,
                    LocalDate.of(2005, 7, 1), TestCounty.PASSWORD), "admin");
            if (p[1] != null) {
                people.grant(p[0], Role.valueOf(p[1]), "K-T-R", "admin");
            }
        }
    }

    @Test
    void twoCompletionsAtOnceOneWinsTheOtherGets409() throws Exception {
        race("TASK_COMPLETED", (actor, taskId) -> tasks.complete(taskId, Map.of("decision", "APPROVE"), null, actor,
                Locale.CHINA));
    }

    @Test
    void twoClaimsAtOnceOneWinsTheOtherGets409() throws Exception {
        race("TASK_CLAIMED", (actor, taskId) -> tasks.claim(taskId, actor));
    }

    interface Act {
        void run(String actor, String taskId);
    }

    private void race(String auditAction, Act act) throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            String caseId = cases.start(new StartCase("report", "竞争" + trial, Map.of("title", "学习情况",
                    "content", "已完成", "reportDate", LocalDate.now(clock).minusDays(1).toString())), "racer",
                    Locale.CHINA).id();
            String taskId = cases.view(caseId, "admin").current().get(0).taskId();
            CyclicBarrier barrier = new CyclicBarrier(2);
            List<Future<Object>> both = new ArrayList<>();
            for (String actor : List.of("race-sec-a", "race-sec-b")) {
                both.add(pool.submit(() -> {
                    barrier.await(120, TimeUnit.SECONDS);
                    try {
                        act.run(actor, taskId);
                        return "won";
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : both) {
                outcomes.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(outcomes).as("trial %d", trial).filteredOn("won"::equals).hasSize(1);
            Object lost = outcomes.stream().filter(o -> !"won".equals(o)).findFirst().orElseThrow();
            if (!(lost instanceof ConflictException)) {
                throw new AssertionError("trial " + trial + ": the loser got " + lost, (Throwable) lost);
            }
            List<AuditEvent> events = audit.forCase(caseId).stream()
                    .filter(e -> auditAction.equals(e.action()) && taskId.equals(e.taskId())).toList();
            assertThat(events).as("trial %d", trial).hasSize(1);
        }
    }
}
