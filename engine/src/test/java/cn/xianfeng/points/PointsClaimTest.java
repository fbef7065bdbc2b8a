package cn.xianfeng.points;

import cn.xianfeng.TestCounty;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import cn.xianfeng.points.PointsTypes.Entry;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.CaseStatus;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * 积分申报 end to end on a real engine and PostgreSQL (the same context as PointsLedgerTest): a member's claim
 * confirmed by the branch secretary becomes one CLAIM entry priced by points.dmn (volunteer service 3, award 5) in
 * the month of the activity; a rejected claim earns nothing and its reason stays on the case; a secretary's own
 * claim is confirmed by the secretary of the org above and never by themself; bad claims change nothing; the
 * rebuild finds the ledger the trail gives.
 */
@SpringBootTest(properties = {"xianfeng.clock.adjustable=true", "flowable.async-executor-activate=false",
        "xianfeng.points.initial-delay=P1D"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class PointsClaimTest {

    static final AtomicInteger COMMITTEES = new AtomicInteger();

    @Autowired Points points;
    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired TaskService flowableTasks;
    @Autowired People people;
    @Autowired Orgs orgs;
    @Autowired Attachments attachments;
    @Autowired Clock clock;
    @Autowired cn.xianfeng.workflow.CaseActions actions;

    record Setup(String committee, String branch, String above, String secretary, String member) {
    }

    /** A committee of its own (with a secretary) and a branch under it, so nothing else in the county is touched. */
    private Setup setup() {
        TestCounty.create(orgs, people);
        String n = COMMITTEES.incrementAndGet() + "" + System.nanoTime() % 10000;
        String committee = "K-CL" + n;
        String branch = committee + "-B";
        orgs.create(new NewOrg(committee, "申报测试党委" + n, OrgType.COMMITTEE, "K"), "admin");
        orgs.create(new NewOrg(branch, "申报测试支部" + n, OrgType.BRANCH, committee), "admin");
        String p = "cl" + n;
        person(p + "up", "党委书记", committee, MemberStatus.FULL);
        people.grant(p + "up", Role.SECRETARY, committee, "admin");
        person(p + "s", "支部书记", branch, MemberStatus.FULL);
        people.grant(p + "s", Role.SECRETARY, branch, "admin");
        person(p + "m", "党员", branch, MemberStatus.FULL);
        return new Setup(committee, branch, p + "up", p + "s", p + "m");
    }

    private void person(String username, String name, String org, MemberStatus status) {
        people.create(new NewPerson(username, name, LocalDate.of(1985, 3, 1), org, status, LocalDate.of(2010, 7, 1),
                TestCounty.PASSWORD), "admin");
    }

    private String photo(String by, String org) throws Exception {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return attachments.store(null, "志愿服务.png", new ByteArrayInputStream(out.toByteArray()), by, org).id();
    }

    private String claim(String by, String activity, LocalDate date, List<String> evidence) {
        Map<String, Object> data = new HashMap<>();
        data.put("activity", activity);
        data.put("date", date.toString());
        data.put("description", "参加社区疫苗接种志愿服务一天");
        data.put("evidence", evidence);
        return cases.start(new StartCase("points-claim", null, data), by, Locale.SIMPLIFIED_CHINESE).id();
    }

    private Task confirmTask(String caseId) {
        List<Task> open = flowableTasks.createTaskQuery().processInstanceId(caseId).taskDefinitionKey("confirm")
                .includeIdentityLinks().list();
        assertThat(open).hasSize(1);
        return open.get(0);
    }

    private List<Entry> claims(String username) {
        points.catchUp();
        return points.member(username, LocalDate.now(clock).getYear(), username).entries().stream()
                .filter(e -> "CLAIM".equals(e.category())).toList();
    }

    @Test
    void aConfirmedClaimEarnsOnceInTheMonthOfTheActivityAndARejectedOneNothing() throws Exception {
        Setup s = setup();
        LocalDate day = LocalDate.now(clock).withDayOfMonth(1);
        String confirmed = claim(s.member(), "VOLUNTEER", day, List.of(photo(s.member(), s.branch())));
        Task task = confirmTask(confirmed);
        assertThat(task.getIdentityLinks()).extracting(l -> l.getGroupId()).containsExactly("SECRETARY@" + s.branch());
        tasks.complete(task.getId(), Map.of("decision", "CONFIRM"), null, s.secretary(), Locale.SIMPLIFIED_CHINESE);
        assertThat(cases.view(confirmed, s.member()).status()).isEqualTo(CaseStatus.COMPLETED);

        String rejected = claim(s.member(), "AWARD", day, List.of(photo(s.member(), s.branch())));
        tasks.complete(confirmTask(rejected).getId(), Map.of("decision", "REJECT", "reason", "证书不是本人的"), null,
                s.secretary(), Locale.SIMPLIFIED_CHINESE);
        assertThat(cases.view(rejected, s.member()).status()).isEqualTo(CaseStatus.REJECTED);
        assertThat(cases.history(rejected, s.member())).anyMatch(h -> "TASK_COMPLETED".equals(h.action())
                && "证书不是本人的".equals(h.data().get("reason")));

        List<Entry> entries = claims(s.member());
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo("claimVolunteer");
            assertThat(e.points()).isEqualTo(3);
            assertThat(e.caseId()).isEqualTo(confirmed);
            assertThat(e.period()).isEqualTo(YearMonth.from(day).toString());
            assertThat(e.date()).isEqualTo(day.toString());
            assertThat(e.ruleName()).contains("志愿服务");
        });
        assertThat(points.member(s.member(), null, s.member()).total()).isEqualTo(3);
        assertThat(points.rebuild(false, "admin").differences()).as("the trail gives the ledger").isEmpty();
    }

    @Test
    void aSecretarysClaimGoesToTheSecretaryAboveAndNobodyConfirmsTheirOwn() throws Exception {
        Setup s = setup();
        String caseId = claim(s.secretary(), "AWARD", LocalDate.now(clock), List.of(photo(s.secretary(), s.branch())));
        Task task = confirmTask(caseId);
        assertThat(task.getIdentityLinks()).extracting(l -> l.getGroupId()).containsExactly("SECRETARY@" + s.committee());
        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("decision", "CONFIRM"), null, s.secretary(),
                Locale.SIMPLIFIED_CHINESE)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("decision", "CONFIRM"), null, s.member(),
                Locale.SIMPLIFIED_CHINESE)).isInstanceOf(ForbiddenException.class);
        // one who could hold the step (a secretary of the org above as well) still never confirms their own claim
        people.grant(s.secretary(), Role.SECRETARY, s.committee(), "admin");
        assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("decision", "CONFIRM"), null, s.secretary(),
                Locale.SIMPLIFIED_CHINESE)).isInstanceOf(ForbiddenException.class)
                .satisfies(e -> assertThat(((ForbiddenException) e).message(Locale.SIMPLIFIED_CHINESE)).contains("本人"));
        tasks.complete(task.getId(), Map.of("decision", "CONFIRM"), null, s.above(), Locale.SIMPLIFIED_CHINESE);
        assertThat(claims(s.secretary())).singleElement().satisfies(e -> assertThat(e.rule()).isEqualTo("claimAward"))
                .satisfies(e -> assertThat(e.points()).isEqualTo(5));
    }

    @Test
    void aClaimWithoutEvidenceOfTheWrongTypeTooOldOrInTheFutureIsRefusedAndChangesNothing() throws Exception {
        Setup s = setup();
        LocalDate today = LocalDate.now(clock);
        String photo = photo(s.member(), s.branch());
        String pdf = attachments.store(null, "说明.pdf", new ByteArrayInputStream("%PDF-1.7\n%scan".getBytes()),
                s.member(), s.branch()).id();
        String word = attachments.store(null, "说明.docx", new ByteArrayInputStream(new byte[]{'P', 'K', 3, 4, 0, 0}),
                s.member(), s.branch()).id();
        long before = actions.mine(s.member(), 0, 1).total();
        assertThatThrownBy(() -> claim(s.member(), "STUDY", today, List.of())).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(fields(e)).contains("data.evidence"));
        assertThatThrownBy(() -> claim(s.member(), "STUDY", today.minusYears(1).minusDays(1), List.of(photo)))
                .isInstanceOf(InvalidInputException.class).satisfies(e -> assertThat(fields(e)).contains("data.date"));
        assertThatThrownBy(() -> claim(s.member(), "STUDY", today.plusDays(1), List.of(photo)))
                .isInstanceOf(InvalidInputException.class).satisfies(e -> assertThat(fields(e)).contains("data.date"));
        assertThatThrownBy(() -> claim(s.member(), "PARTY", today, List.of(photo)))
                .isInstanceOf(InvalidInputException.class).satisfies(e -> assertThat(fields(e)).contains("data.activity"));
        assertThatThrownBy(() -> claim(s.member(), "STUDY", today, List.of("no-such-attachment")))
                .isInstanceOf(InvalidInputException.class).satisfies(e -> assertThat(fields(e)).anyMatch(f -> f.startsWith("data.evidence")));
        assertThatThrownBy(() -> claim(s.member(), "STUDY", today, List.of(photo, word)))
                .isInstanceOf(InvalidInputException.class).satisfies(e -> assertThat(fields(e)).contains("data.evidence"));
        String applicant = s.member() + "a";
        person(applicant, "申请人", s.branch(), MemberStatus.APPLICANT);
        String theirs = photo(applicant, s.branch());
        assertThatThrownBy(() -> claim(applicant, "STUDY", today, List.of(theirs))).isInstanceOf(ForbiddenException.class);
        assertThat(actions.mine(s.member(), 0, 1).total()).isEqualTo(before);
        // a scanned certificate (PDF) is evidence too
        assertThat(claim(s.member(), "STUDY", today, List.of(pdf))).isNotBlank();
    }

    private static List<String> fields(Throwable e) {
        return ((InvalidInputException) e).violations().stream().map(InvalidInputException.Violation::field).toList();
    }
}
