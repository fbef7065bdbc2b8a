package cn.xianfeng.complaint;

import cn.xianfeng.complaint.ComplaintTypes.Intake;
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
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Complaint handling on a real engine and PostgreSQL, with its own county Q: the intake committee Q (dispatcher
 * qdisp), the township committee Q-T (secretary qtsec, reviewer qrev) and branches Q-T-B1…B4 (secretaries
 * qsec1…qsec4). Every test starts on a Monday morning later than anything before it, so timers only move forward.
 */
@SpringBootTest(properties = {"xianfeng.clock.adjustable=true", "flowable.async-executor-activate=false",
        "xianfeng.complaints.intake-org=Q", "xianfeng.complaints.intake-limit=20"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
abstract class ComplaintTestSupport {

    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    @Autowired Complaints complaints;
    @Autowired ComplaintRates rates;
    @Autowired ClosureReports closures;
    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired Orgs orgs;
    @Autowired People people;
    @Autowired EngineTime time;
    @Autowired JdbcClient jdbc;
    @Autowired cn.xianfeng.points.Points points;
    @Autowired cn.xianfeng.points.PointsTrends trends;

    static int addresses;

    @BeforeEach
    void county() {
        if (orgs.find("Q").isEmpty()) {
            orgs.create(new NewOrg("Q", "测试区委", OrgType.COMMITTEE, null), "admin");
            orgs.create(new NewOrg("Q-T", "测试街道党工委", OrgType.COMMITTEE, "Q"), "admin");
            for (int b = 1; b <= 4; b++) {
                orgs.create(new NewOrg("Q-T-B" + b, "第" + b + "社区党支部", OrgType.BRANCH, "Q-T"), "admin");
                person("qsec" + b, "书记" + b, "Q-T-B" + b, Role.SECRETARY, "Q-T-B" + b);
            }
            person("qdisp", "调度员", "Q", Role.DISPATCHER, "Q");
            person("qtsec", "街道书记", "Q-T", Role.SECRETARY, "Q-T");
            person("qrev", "街道组织员", "Q-T", Role.COMMITTEE_REVIEWER, "Q-T");
            person("qaudit", "区审计员", "Q", Role.AUDITOR, "Q");
        }
        LocalDate next = LocalDate.ofInstant(time.now(), zone()).plusDays(7)
                .with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        time.moveTo(next.atTime(9, 0).atZone(zone()).toInstant());
    }

    private void person(String username, String name, String org, Role role, String roleOrg) {
        people.create(new NewPerson(username, name, LocalDate.of(1980, 1, 1), org, MemberStatus.FULL,
                LocalDate.of(2005, 7, 1), "test-password"), "admin");
        people.grant(username, role, roleOrg, "admin");
    }

    static ZoneId zone() {
        return ZoneId.of("Asia/Shanghai");
    }

    /** A fresh address per intake, so that the hourly limit only bites where a test means it to. */
    String file(String category, String phone, boolean anonymous) {
        return complaints.intake(new Intake(category, "路灯不亮", "小区东门路灯坏了一个月", "东门", anonymous,
                "王小明", phone, null), "10.0.0." + (++addresses), ZH);
    }

    String caseOf(String trackingCode) {
        return jdbc.sql("select case_id from complaint where tracking_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')")
                .param(trackingCode).query(String.class).single();
    }

    String taskOf(String caseId, String step) {
        return cases.view(caseId, "qaudit").current().stream().filter(s -> s.stepId().equals(step))
                .map(CurrentStep::taskId).findFirst().orElseThrow(() -> new AssertionError("no open step " + step));
    }

    List<String> open(String caseId) {
        return cases.view(caseId, "qaudit").current().stream().map(CurrentStep::stepId).toList();
    }

    void complete(String caseId, String step, String user, Map<String, Object> data) {
        tasks.complete(taskOf(caseId, step), data, null, user, ZH);
    }

    void dispatch(String caseId, String org, List<String> coOrgs, String reason) {
        Map<String, Object> data = new HashMap<>(Map.of("handlerOrg", org, "coOrgs", coOrgs));
        if (reason != null) {
            data.put("overrideReason", reason);
        }
        complete(caseId, "dispatch", "qdisp", data);
    }

    /** Response, handling (and co-handling), reply: up to the complainant's evaluation. */
    void handle(String caseId, String secretary, boolean respond) {
        if (respond) {
            complete(caseId, "respond", secretary, Map.of("response", "已电话联系诉求人"));
        }
        complete(caseId, "handle", secretary, Map.of("result", "RESOLVED", "handling", "已更换路灯"));
        complete(caseId, "reply", secretary, Map.of("reply", "路灯已修好，感谢监督"));
    }
}
