package cn.xianfeng.points;

import cn.xianfeng.TestCounty;
import cn.xianfeng.TestDues;
import cn.xianfeng.dues.DuesBases;
import cn.xianfeng.dues.DuesLedger;
import cn.xianfeng.dues.DuesTypes.NewPayment;
import cn.xianfeng.meeting.Meetings;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import cn.xianfeng.workflow.Tasks;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A year of a branch's life played month by month on the adjustable clock, checked against totals computed by hand
 * from processes/points.dmn. Each month a 主题党日 (attended 2; 党员乙 on leave in the first month of each quarter: 0;
 * the probationary member absent without answer in months 2, 6 and 10: −2) and each quarter a 支部党员大会
 * (attended 3, held 5); 党员甲 pays dues every month in its month, 党员乙 each quarter ahead (1 a month on time);
 * each month closed with both owing members paid: 100 %, 5 for the branch. No month reaches a cap.
 * Offline activity and thought reports (issue 20 items 2 and 3): 党员甲 claims volunteer service in month 5, which the
 * secretary confirms (claimVolunteer 3, CLAIM); 党员乙 claims an award in month 6, rejected (nothing); the applicant
 * (an open recruitment case, on no meeting roll, owing no dues) submits two thought reports in month 1 (one quarter:
 * only the first counts, thoughtReport 3, REPORT) and one in month 7 (another quarter: 3).
 */
@SpringBootTest(properties = {"xianfeng.clock.adjustable=true", "flowable.async-executor-activate=false",
        "xianfeng.points.initial-delay=P1D"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class PointsYearTest {

    @Autowired Points points;
    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired TaskService flowableTasks;
    @Autowired People people;
    @Autowired Orgs orgs;
    @Autowired Meetings meetings;
    @Autowired DuesBases bases;
    @Autowired DuesLedger dues;
    @Autowired Clock clock;
    @Autowired cn.xianfeng.workflow.EngineTime time;
    @Autowired cn.xianfeng.evidence.Attachments attachments;

    record Branch(String code, String s, String c, String m1, String m2, String p) {
    }

    private void person(String username, String name, String org, MemberStatus status) {
        people.create(new NewPerson(username, name, LocalDate.of(1985, 3, 1), org, status, LocalDate.of(2010, 7, 1),
                TestCounty.PASSWORD), "admin");
    }

    private void meeting(Branch b, String type, List<String> confirm, Map<String, String> leave, List<String> present) {
        Map<String, Object> data = new HashMap<>();
        data.put("orgCode", b.code());
        data.put("type", type);
        data.put("plannedAt", OffsetDateTime.now(clock).plusDays(1).withNano(0).toString());
        data.put("place", "党员活动室");
        data.put("host", b.s());
        data.put("recorder", b.c());
        data.put("agenda", "一、学习党章；二、讨论支部工作");
        String caseId = cases.start(new StartCase("meeting-record", null, data), b.s(), Locale.SIMPLIFIED_CHINESE).id();
        confirm.forEach(u -> meetings.respond(caseId, u, true, null));
        leave.forEach((u, reason) -> meetings.respond(caseId, u, false, reason));
        Map<String, Object> record = new HashMap<>();
        record.put("meetingDate", LocalDate.now(clock).toString());
        record.put("startTime", "14:30");
        record.put("place", "党员活动室");
        record.put("host", b.s());
        record.put("recorder", b.c());
        record.put("agenda", "一、学习党章；二、讨论支部工作");
        record.put("minutes", "会议学习了党章，讨论了支部工作计划，与会党员结合实际交流了学习体会。");
        record.put("attendees", present);
        complete(caseId, "record", b.c(), record);
        complete(caseId, "confirm", b.s(), Map.of("decision", "APPROVE"));
    }

    private void complete(String caseId, String stepId, String actor, Map<String, Object> data) {
        List<Task> open = flowableTasks.createTaskQuery().processInstanceId(caseId).taskDefinitionKey(stepId).list();
        assertThat(open).as(stepId).hasSize(1);
        tasks.complete(open.get(0).getId(), data, null, actor, Locale.SIMPLIFIED_CHINESE);
    }

    private void claim(Branch b, String member, String activity, Map<String, Object> decision) throws Exception {
        String evidence = attachments.store(null, "证书.pdf", new java.io.ByteArrayInputStream("%PDF-1.7\n%scan".getBytes()),
                member, b.code()).id();
        String caseId = cases.start(new StartCase("points-claim", null, Map.of("activity", activity,
                "date", LocalDate.now(clock).toString(), "description", "参加社区志愿服务活动", "evidence", List.of(evidence))),
                member, Locale.SIMPLIFIED_CHINESE).id();
        complete(caseId, "confirm", b.s(), decision);
    }

    private void thoughtReport(String applicant) {
        cases.start(new StartCase("thought-report", null, Map.of("title", "思想汇报",
                "content", "认真学习党章，对照党员标准查找不足，努力向党组织靠拢。")), applicant, Locale.SIMPLIFIED_CHINESE);
    }

    private int yearly(String username, int first) {
        return points.member(username, first, "admin").total() + points.member(username, first + 1, "admin").total();
    }

    @Test
    void aYearOfMeetingsLeaveAbsenceAndDuesGivesTheHandComputedTotals() throws Exception {
        TestCounty.create(orgs, people);
        String code = "K-T-Y" + System.nanoTime() % 100000;
        orgs.create(new NewOrg(code, "全年测试支部" + code, OrgType.BRANCH, "K-T"), "admin");
        String x = code.toLowerCase().replace("-", "");
        Branch b = new Branch(code, x + "s", x + "c", x + "m1", x + "m2", x + "p");
        person(b.s(), "书记", code, MemberStatus.FULL);
        people.grant(b.s(), Role.SECRETARY, code, "admin");
        person(b.c(), "支委", code, MemberStatus.FULL);
        people.grant(b.c(), Role.BRANCH_COMMITTEE, code, "admin");
        person(b.m1(), "党员甲", code, MemberStatus.FULL);
        person(b.m2(), "党员乙", code, MemberStatus.FULL);
        person(b.p(), "预备党员", code, MemberStatus.PROBATIONARY);
        String applicant = x + "a";
        person(applicant, "入党申请人", code, MemberStatus.APPLICANT);
        cases.start(new StartCase("admission", null, Map.of()), applicant, Locale.SIMPLIFIED_CHINESE);
        YearMonth first = YearMonth.now(clock);
        TestDues.base(bases, b.m1(), first);
        TestDues.base(bases, b.m2(), first);
        List<String> all = List.of(b.s(), b.c(), b.m1(), b.m2(), b.p());
        for (int i = 0; i < 12; i++) {
            YearMonth month = first.plusMonths(i);
            boolean quarter = i % 3 == 0;
            boolean pAbsent = i % 4 == 1;
            List<String> present = all.stream().filter(u -> !(quarter && u.equals(b.m2())) && !(pAbsent && u.equals(b.p())))
                    .toList();
            meeting(b, "THEME_DAY", List.of(), quarter ? Map.of(b.m2(), "外出务工，已请假") : Map.of(), present);
            if (quarter) {
                meeting(b, "BRANCH_GENERAL", List.of(), Map.of(), all);
                dues.record(new NewPayment(b.m2(), List.of(month.toString(), month.plusMonths(1).toString(),
                        month.plusMonths(2).toString()), TestDues.STANDARD_FEN * 3, LocalDate.now(clock).toString()), "admin");
            }
            dues.record(new NewPayment(b.m1(), List.of(month.toString()), TestDues.STANDARD_FEN,
                    LocalDate.now(clock).toString()), "admin");
            if (i == 0) {
                thoughtReport(applicant);
                thoughtReport(applicant);
            }
            if (i == 6) {
                thoughtReport(applicant);
            }
            if (i == 4) {
                claim(b, b.m1(), "VOLUNTEER", Map.of("decision", "CONFIRM"));
            }
            if (i == 5) {
                claim(b, b.m2(), "AWARD", Map.of("decision", "REJECT", "reason", "表彰证书不是本人的"));
            }
            // into the next month: the checks close this month's dues for the branch
            time.moveTo(month.plusMonths(1).atDay(5).atTime(10, 0).atZone(clock.getZone()).toInstant());
        }
        points.catchUp();
        int y = first.getYear();
        // s, c: theme days 12 × 2 + general meetings 4 × 3
        assertThat(yearly(b.s(), y)).isEqualTo(36);
        assertThat(yearly(b.c(), y)).isEqualTo(36);
        // m1: 36 + dues 12 × 1 + the confirmed volunteer service 3
        assertThat(yearly(b.m1(), y)).isEqualTo(51);
        // m2: theme days 8 × 2 + 4 leaves × 0, general meetings 4 × 3, dues 12 × 1; the rejected award earns nothing
        assertThat(yearly(b.m2(), y)).isEqualTo(40);
        // the applicant: thought reports, the first of month 1's quarter 3 (its second 0) and month 7's 3
        assertThat(yearly(applicant, y)).isEqualTo(6);
        // p: theme days 9 × 2 − 3 × 2, general meetings 4 × 3
        assertThat(yearly(b.p(), y)).isEqualTo(24);
        // the branch: theme days held 12 × 3, general meetings 4 × 5, dues collection 12 months × 5 (100 %)
        int assessment = points.org(code, y, "admin").assessment() + points.org(code, y + 1, "admin").assessment();
        assertThat(assessment).isEqualTo(116);
        assertThat(points.rebuild(false, "admin").differences()).as("the trail gives the ledger").isEmpty();
    }
}
