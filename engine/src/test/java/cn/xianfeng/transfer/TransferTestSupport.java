package cn.xianfeng.transfer;

import cn.xianfeng.TestCounty;
import cn.xianfeng.TestDues;
import cn.xianfeng.dues.DuesBases;
import cn.xianfeng.dues.DuesLedger;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.EngineTime;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.CurrentStep;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Relation transfers on a real engine and PostgreSQL with the adjustable clock. The test county gains a second
 * township committee K-U (branch K-U-B1 with a group) so that transfers can cross committees.
 */
@SpringBootTest(properties = {"xianfeng.clock.adjustable=true", "flowable.async-executor-activate=false"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
abstract class TransferTestSupport {

    static final AtomicInteger members = new AtomicInteger();
    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired People people;
    @Autowired Orgs orgs;
    @Autowired EngineTime time;
    @Autowired Clock clock;
    @Autowired Documents documents;
    @Autowired Transfers transfers;
    @Autowired DuesBases bases;
    @Autowired DuesLedger ledger;

    @BeforeEach
    void county() {
        TestCounty.create(orgs, people);
        if (orgs.find("K-U").isEmpty()) {
            orgs.create(new NewOrg("K-U", "测试乡党委", OrgType.COMMITTEE, "K"), "admin");
            orgs.create(new NewOrg("K-U-B1", "乡第一党支部", OrgType.BRANCH, "K-U"), "admin");
            orgs.create(new NewOrg("K-U-B1-G1", "乡第一党小组", OrgType.GROUP, "K-U-B1"), "admin");
            person("sec3", "支书三", "K-U-B1", Role.SECRETARY, "K-U-B1");
            person("reviewer2", "乡组织员", "K-U", Role.COMMITTEE_REVIEWER, "K-U");
            person("auditor-t", "镇审计员", "K-T", Role.AUDITOR, "K-T");
            person("auditor-u", "乡审计员", "K-U", Role.AUDITOR, "K-U");
        }
    }

    void person(String username, String name, String org, Role role, String roleOrg) {
        people.create(new NewPerson(username, name, LocalDate.of(1980, 1, 1), org, MemberStatus.FULL,
                LocalDate.of(2005, 7, 1), TestCounty.PASSWORD), "admin");
        if (role != null) {
            people.grant(username, role, roleOrg, "admin");
        }
    }

    /** A new full member of K-T-B1 whose dues ledger is paid up to the current month. */
    String member() {
        String username = behindMember();
        TestDues.paidUp(bases, ledger, username, clock);
        return username;
    }

    /** A new full member of K-T-B1 without any dues on the ledger. */
    String behindMember() {
        String username = "tm" + members.incrementAndGet();
        person(username, "转接党员" + members.get(), "K-T-B1", null, null);
        return username;
    }

    String thisMonth() {
        return YearMonth.now(clock).toString();
    }

    String start(String member, String toOrgCode, String moveKind) {
        Map<String, Object> data = new HashMap<>(Map.of("toOrgCode", toOrgCode, "reason", "工作调动"));
        if (moveKind != null) {
            data.put("moveKind", moveKind);
        }
        return cases.start(new StartCase("relation-transfer", null, data), member, ZH).id();
    }

    List<String> currentSteps(String caseId) {
        return cases.view(caseId, "admin").current().stream().map(CurrentStep::stepId).toList();
    }

    void complete(String caseId, String stepId, String user, Map<String, Object> data) {
        CurrentStep step = cases.view(caseId, "admin").current().stream().filter(s -> s.stepId().equals(stepId))
                .findFirst().orElseThrow(() -> new AssertionError(stepId + " is not current: " + currentSteps(caseId)));
        tasks.complete(step.taskId(), data, null, user, ZH);
    }

    static Map<String, Object> approve(Object... more) {
        Map<String, Object> m = new HashMap<>(Map.of("decision", "APPROVE"));
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    /** From the start to the receiving committee's decision, across committees (K-T-B1 → K-U-B1). */
    String toReceivingCommittee(String member) {
        String id = start(member, "K-U-B1", null);
        complete(id, "outgoingCheck", "sec1", approve());
        complete(id, "issueLetter", "reviewer", approve());
        return id;
    }

    String letterCode(String caseId) {
        return transfers.of(caseId, "admin").letterCode();
    }
}
