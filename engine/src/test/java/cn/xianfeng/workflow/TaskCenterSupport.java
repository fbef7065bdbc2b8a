package cn.xianfeng.workflow;

import cn.xianfeng.TestCounty;
import cn.xianfeng.notice.Notices;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.WorkflowTypes.CurrentStep;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import cn.xianfeng.workflow.WorkflowTypes.TaskFilter;
import cn.xianfeng.workflow.WorkflowTypes.TaskItem;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The task center's tests on the report process over a real engine and PostgreSQL: the test county, plus a branch
 * committee member of K-T-B1 ({@code tccom}), a reviewer of the county committee above K-T ({@code tcrev}) and an
 * applicant of K-T-B1 ({@code tcapp}).
 */
// its own context (and database): its notices, written after commit, must not land in other classes' counts
@SpringBootTest(properties = {"xianfeng.clock.adjustable=true", "flowable.async-executor-activate=false",
        "xianfeng.test.context=task-center"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
abstract class TaskCenterSupport {

    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired TaskLists lists;
    @Autowired TaskOperations operations;
    @Autowired CoSigners coSigners;
    @Autowired CaseActions caseActions;
    @Autowired Notices notices;
    @Autowired People people;
    @Autowired Orgs orgs;
    @Autowired Clock clock;

    @BeforeEach
    void county() {
        TestCounty.create(orgs, people);
        person("tccom", "支委甲", "K-T-B1", MemberStatus.FULL, Role.BRANCH_COMMITTEE, "K-T-B1");
        person("tccom2", "支委乙", "K-T-B1", MemberStatus.FULL, Role.BRANCH_COMMITTEE, "K-T-B1");
        person("tcrev", "县组织员", "K", MemberStatus.FULL, Role.COMMITTEE_REVIEWER, "K");
        person("tcapp", "申请人甲", "K-T-B1", MemberStatus.APPLICANT, null, null);
    }

    private void person(String username, String name, String org, MemberStatus status, Role role, String roleOrg) {
        if (people.find(username).isPresent()) {
            return;
        }
        people.create(new NewPerson(username, name, LocalDate.of(1980, 3, 3), org, status,
                status == MemberStatus.FULL ? LocalDate.of(2005, 7, 1) : null, TestCounty.PASSWORD), "admin");
        if (role != null) {
            people.grant(username, role, roleOrg, "admin");
        }
    }

    /** A report filed by {@code by} (a member of K-T-B1), waiting for the secretary's review. */
    String report(String by, String title) {
        return cases.start(new StartCase("report", null, Map.of("title", title, "content", "已完成",
                "reportDate", LocalDate.now(clock).minusDays(1).toString())), by, Locale.CHINA).id();
    }

    CurrentStep step(String caseId) {
        return cases.view(caseId, "admin").current().stream().filter(s -> !s.name().endsWith("（加签）"))
                .findFirst().orElseThrow(() -> new AssertionError("no current step in " + caseId));
    }

    List<TaskItem> todo(String who) {
        return lists.list(new TaskFilter("todo", null, null, null), who, 0, 100).items();
    }

    TaskItem signTaskOf(String who, String caseId) {
        return todo(who).stream().filter(t -> t.caseId().equals(caseId) && t.coSign()).findFirst()
                .orElseThrow(() -> new AssertionError(who + " has no co-sign task in " + caseId + ": " + todo(who)));
    }

    List<String> actions(String caseId) {
        return cases.history(caseId, "admin").stream().map(WorkflowTypes.HistoryEntry::action).toList();
    }

    WorkflowTypes.HistoryEntry last(String caseId, String action) {
        List<WorkflowTypes.HistoryEntry> h = cases.history(caseId, "admin").stream()
                .filter(e -> e.action().equals(action)).toList();
        if (h.isEmpty()) {
            throw new AssertionError("no " + action + " in " + actions(caseId));
        }
        return h.get(h.size() - 1);
    }

    /** Notices are written after commit by a listener: wait for one (generously), failing with what was there. */
    Notices.Notice awaitNotice(String who, String kind, String caseId) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(until)) {
            var found = notices.of(who, 200).stream().filter(n -> n.kind().equals(kind) && caseId.equals(n.caseId())).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + kind + " notice for " + who + " in " + caseId + ": " + notices.of(who, 20));
    }

    static void eventually(Supplier<Boolean> condition, String what) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofMinutes(2));
        while (!condition.get()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
