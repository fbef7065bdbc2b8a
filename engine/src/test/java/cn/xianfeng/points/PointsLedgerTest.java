package cn.xianfeng.points;

import cn.xianfeng.TestCounty;
import cn.xianfeng.TestDues;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.NotFoundException;
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
import cn.xianfeng.points.PointsTypes.Difference;
import cn.xianfeng.points.PointsTypes.Entry;
import cn.xianfeng.points.PointsTypes.MemberPoints;
import cn.xianfeng.points.PointsTypes.OrgPoints;
import cn.xianfeng.points.PointsTypes.RebuildReport;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import cn.xianfeng.workflow.Tasks;
import org.flowable.dmn.api.DmnRepositoryService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Points derived from real meeting cases and dues payments on a real engine and PostgreSQL, checked against totals
 * computed by hand from processes/points.dmn (attended: general meeting 3, theme day 2, organizational life 5,
 * lecture 3; leave 0; absent −2; dues on time 1 a month; a branch: general meeting and lecture held 5, others 3;
 * caps: a member's meetings 10 a month, a branch's 15). Rebuilding reproduces the ledger; a row altered behind the
 * trigger, and a changed table, show as differences only a rebuild applies.
 */
@SpringBootTest(properties = {"xianfeng.clock.adjustable=true", "flowable.async-executor-activate=false",
        "xianfeng.points.initial-delay=P1D"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class PointsLedgerTest {

    static final AtomicInteger BRANCHES = new AtomicInteger();

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
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired DmnRepositoryService dmn;
    @Autowired cn.xianfeng.evidence.Attachments attachments;
    @Autowired cn.xianfeng.workflow.EngineTime time;
    @Autowired Assessments assessments;
    @Autowired Appraisals appraisals;
    @Autowired PointsTrends trends;
    @Autowired cn.xianfeng.evidence.Documents documents;

    record Branch(String code, String s, String c, String m1, String m2, String p) {
    }

    @BeforeEach
    void county() {
        TestCounty.create(orgs, people);
    }

    Branch branch() {
        String code = "K-T-P" + BRANCHES.incrementAndGet() + "-" + System.nanoTime() % 100000;
        orgs.create(new NewOrg(code, "积分测试支部" + code, OrgType.BRANCH, "K-T"), "admin");
        String p = code.toLowerCase().replace("-", "");
        Branch b = new Branch(code, p + "s", p + "c", p + "m1", p + "m2", p + "p");
        person(b.s(), "书记", code, MemberStatus.FULL);
        people.grant(b.s(), Role.SECRETARY, code, "admin");
        person(b.c(), "支委", code, MemberStatus.FULL);
        people.grant(b.c(), Role.BRANCH_COMMITTEE, code, "admin");
        person(b.m1(), "党员甲", code, MemberStatus.FULL);
        person(b.m2(), "党员乙", code, MemberStatus.FULL);
        person(b.p(), "预备党员", code, MemberStatus.PROBATIONARY);
        return b;
    }

    private void person(String username, String name, String org, MemberStatus status) {
        people.create(new NewPerson(username, name, LocalDate.of(1985, 3, 1), org, status, LocalDate.of(2010, 7, 1),
                TestCounty.PASSWORD), "admin");
    }

    /** A meeting planned, answered, recorded (present: those named, or null for those who confirmed) and archived. */
    String meeting(Branch b, String type, List<String> confirm, Map<String, String> leave, List<String> present) {
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
        if (present != null) {
            record.put("attendees", present);
        }
        complete(caseId, "record", b.c(), record);
        complete(caseId, "confirm", b.s(), Map.of("decision", "APPROVE"));
        return caseId;
    }

    private void complete(String caseId, String stepId, String actor, Map<String, Object> data) {
        List<Task> open = flowableTasks.createTaskQuery().processInstanceId(caseId).taskDefinitionKey(stepId).list();
        assertThat(open).as(stepId).hasSize(1);
        tasks.complete(open.get(0).getId(), data, null, actor, Locale.SIMPLIFIED_CHINESE);
    }

    private int total(String username) {
        return points.member(username, null, "admin").total();
    }

    @Test
    void meetingsAndDuesEarnByTheTableWithinTheMonthlyCaps() {
        Branch b = branch();
        List<String> all = List.of(b.s(), b.c(), b.m1(), b.m2(), b.p());
        String general = meeting(b, "BRANCH_GENERAL", List.of(b.s(), b.c(), b.m1()), Map.of(b.m2(), "外出务工，已请假"),
                List.of(b.s(), b.c(), b.m1()));
        meeting(b, "THEME_DAY", all, Map.of(), null);
        meeting(b, "ORG_LIFE", List.of(), Map.of(), all);
        meeting(b, "LECTURE", List.of(), Map.of(), List.of(b.m1()));
        YearMonth now = YearMonth.now(clock);
        TestDues.base(bases, b.m1(), now.minusMonths(3));
        dues.record(new NewPayment(b.m1(), List.of(now.minusMonths(3).toString(), now.minusMonths(2).toString(),
                now.minusMonths(1).toString(), now.toString()), TestDues.STANDARD_FEN * 4, LocalDate.now(clock).toString()),
                "admin");
        TestDues.base(bases, b.m2(), now);
        long paid = dues.record(new NewPayment(b.m2(), List.of(now.toString()), TestDues.STANDARD_FEN,
                LocalDate.now(clock).toString()), "admin").id();
        dues.reverse(paid, "登记错误", "admin");
        points.catchUp();

        // s, c: 3 + 2 + 5 = 10 (the cap), then absent from the lecture −2
        assertThat(total(b.s())).isEqualTo(8);
        assertThat(total(b.c())).isEqualTo(8);
        // m1: 3 + 2 + 5 = 10, the lecture's 3 over the cap; dues: only the current month was paid by its end
        assertThat(total(b.m1())).isEqualTo(11);
        // m2: leave 0 + 2 + 5 − 2; dues paid and reversed: +1 −1
        assertThat(total(b.m2())).isEqualTo(5);
        // p: no answer, not present −2, + 2 + 5 − 2
        assertThat(total(b.p())).isEqualTo(3);

        MemberPoints m1 = points.member(b.m1(), null, b.m1());
        assertThat(m1.rankInBranch()).isEqualTo(1);
        assertThat(m1.entries()).filteredOn(e -> e.capped()).singleElement()
                .satisfies(e -> assertThat(e.rule()).isEqualTo("attendedLecture"))
                .satisfies(e -> assertThat(e.rawPoints()).isEqualTo(3))
                .satisfies(e -> assertThat(e.points()).isZero());
        assertThat(m1.entries()).filteredOn(e -> "DUES".equals(e.category())).singleElement()
                .satisfies(e -> assertThat(e.period()).isEqualTo(now.toString()));
        Entry generalEntry = m1.entries().stream().filter(e -> "attendedGeneral".equals(e.rule())).findFirst().orElseThrow();
        assertThat(generalEntry.caseId()).isEqualTo(general);
        assertThat(generalEntry.eventId()).isNotNull();
        assertThat(generalEntry.ruleName()).contains("支部党员大会");
        MemberPoints m2 = points.member(b.m2(), null, b.m2());
        assertThat(m2.entries()).filteredOn(e -> "leave".equals(e.rule())).singleElement()
                .satisfies(e -> assertThat(e.points()).isZero());
        assertThat(m2.rankInBranch()).isEqualTo(4);

        // the branch: 5 + 3 + 3 + 5 = 16 over its cap of 15; members' average (8 + 8 + 11 + 5 + 3) / 5 = 7
        OrgPoints branch = points.org(b.code(), null, b.s());
        assertThat(branch.assessment()).isEqualTo(15);
        assertThat(branch.memberAverage()).isEqualTo(7.0);
        assertThat(branch.index()).isEqualTo(22.0);
        assertThat(branch.members()).extracting(PointsTypes.MemberTotal::username).first().isEqualTo(b.m1());
        OrgPoints township = points.org("K-T", null, "reviewer");
        assertThat(township.index()).isNull();
        assertThat(township.children()).filteredOn(c -> c.code().equals(b.code())).singleElement()
                .satisfies(c -> assertThat(c.index()).isEqualTo(22.0));

        // deriving again appends nothing; the rebuild finds the ledger as the trail gives it
        assertThat(points.catchUp()).isZero();
        RebuildReport check = points.rebuild(false, "admin");
        assertThat(check.differences()).isEmpty();
        assertThat(check.entries()).isGreaterThanOrEqualTo(5 * 4 + 4 + 1 + 2);
    }

    @Test
    void aMemberSeesTheirOwnOfficersAndAuditorsTheirSubtreeOthersNothing() {
        Branch b = branch();
        assertThat(points.member(b.m1(), null, b.m1()).username()).isEqualTo(b.m1());
        assertThat(points.member(b.m1(), null, b.s()).username()).isEqualTo(b.m1());
        assertThat(points.member(b.m1(), null, "auditor").username()).isEqualTo(b.m1());
        assertThatThrownBy(() -> points.member(b.m1(), null, b.m2())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> points.member(b.m1(), null, "sec2")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> points.org(b.code(), null, b.m1())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> points.org(b.code(), null, "sec2")).isInstanceOf(NotFoundException.class);
        assertThat(points.org(b.code(), null, "auditor").org()).isEqualTo(b.code());
        assertThatThrownBy(() -> points.member(b.m1(), 1999, b.m1()))
                .isInstanceOf(cn.xianfeng.common.InvalidInputException.class);
        assertThatThrownBy(() -> points.rebuild(false, b.s())).isInstanceOf(ForbiddenException.class);
    }

    /**
     * The cursor passes only events below the oldest transaction open anywhere (a commit-order guarantee), so a
     * catch-up called while another transaction is open waits for it rather than returning with the newest events
     * left behind (what another test lane's open transaction did to PointsBrowserTest).
     */
    @Test
    void aCatchUpWaitsForATransactionOpenAtItsCallAndThenDerivesWhatCommittedBeforeIt() throws Exception {
        Branch b = branch();
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        var blocker = java.util.concurrent.CompletableFuture.runAsync(() -> transactions.executeWithoutResult(s -> {
            jdbc.queryForObject("select pg_current_xact_id()::text", String.class);
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(holding.await(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        meeting(b, "THEME_DAY", List.of(b.s(), b.c(), b.m1(), b.m2(), b.p()), Map.of(), null);
        var caughtUp = java.util.concurrent.CompletableFuture.supplyAsync(points::catchUp);
        Thread.sleep(1_500);
        assertThat(caughtUp).as("still waiting for the transaction open at the call").isNotDone();
        release.countDown();
        blocker.get(2, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(caughtUp.get(2, java.util.concurrent.TimeUnit.MINUTES)).isPositive();
        assertThat(points.member(b.m1(), null, "admin").entries()).extracting(Entry::rule).contains("attendedOther");
    }

    @Test
    void aRowAlteredBehindTheTriggerIsADifference() {
        Branch b = branch();
        meeting(b, "THEME_DAY", List.of(b.s(), b.c(), b.m1(), b.m2(), b.p()), Map.of(), null);
        points.catchUp();
        assertThatThrownBy(() -> jdbc.update("update points_entry set points = 50 where subject = ?", b.m1()))
                .as("append-only").hasMessageContaining("append-only");
        RebuildReport seen = transactions.execute(status -> {
            jdbc.execute("set local session_replication_role = replica");
            jdbc.update("update points_entry set points = 50 where subject = ?", b.m1());
            RebuildReport r = points.rebuild(false, "admin");
            status.setRollbackOnly();
            return r;
        });
        assertThat(seen.differences()).singleElement().satisfies(d -> {
            assertThat(d.subject()).isEqualTo(b.m1());
            assertThat(d.change()).isEqualTo("CHANGED");
            assertThat(d.pointsBefore()).isEqualTo(50);
            assertThat(d.pointsAfter()).isEqualTo(2);
        });
    }

    @Test
    void aChangedTableChangesOnlyLaterEntriesUntilARebuildAppliesIt() throws Exception {
        Branch b = branch();
        List<String> all = List.of(b.s(), b.c(), b.m1(), b.m2(), b.p());
        meeting(b, "THEME_DAY", all, Map.of(), null);
        points.catchUp();
        assertThat(points.rebuild(false, "admin").differences()).isEmpty();
        String original = new String(new ClassPathResource("processes/points.dmn").getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        String changed = original.replace("<outputEntry id=\"attendedOtherPoints\"><text>2</text>",
                "<outputEntry id=\"attendedOtherPoints\"><text>4</text>");
        assertThat(changed).isNotEqualTo(original);
        dmn.createDeployment().addString("points.dmn", changed).name("points (county edit)").deploy();
        try {
            meeting(b, "THEME_DAY", all, Map.of(), null);
            points.catchUp();
            assertThat(points.member(b.m1(), null, "admin").entries()).extracting(Entry::points)
                    .as("the earlier meeting keeps its 2, the later one earns 4").containsExactlyInAnyOrder(4, 2);
            RebuildReport check = points.rebuild(false, "admin");
            assertThat(check.differences()).as("theme days of every test so far, none of anything else").allSatisfy(d -> {
                        assertThat(d.change()).isEqualTo("CHANGED");
                        assertThat(d.ruleBefore()).isEqualTo("attendedOther");
                        assertThat(d.pointsBefore()).isEqualTo(2);
                        assertThat(d.pointsAfter()).isEqualTo(4);
                    });
            assertThat(check.differences()).filteredOn(d -> all.contains(d.subject())).as("the earlier meeting's five")
                    .extracting(Difference::subject).containsExactlyInAnyOrderElementsOf(all);
            assertThat(points.member(b.m1(), null, "admin").total()).as("a check changes nothing").isEqualTo(6);
            RebuildReport applied = points.rebuild(true, "admin");
            assertThat(applied.differences()).hasSameSizeAs(check.differences());
            assertThat(points.member(b.m1(), null, "admin").total()).isEqualTo(8);
            assertThat(points.rebuild(false, "admin").differences()).isEmpty();
        } finally {
            dmn.createDeployment().addString("points.dmn", original).name("points (restored)").deploy();
            points.rebuild(true, "admin");
        }
    }

    /** An applicant of the branch whose letter is in: step02 (the talk, due within a month) waits for the secretary. */
    private String atTheTalk(Branch b, String applicant) throws Exception {
        people.create(new NewPerson(applicant, "申请人", LocalDate.now(clock).minusYears(25), b.code(),
                MemberStatus.APPLICANT, null, TestCounty.PASSWORD), "admin");
        String caseId = cases.start(new StartCase("admission", null, Map.of()), applicant, Locale.SIMPLIFIED_CHINESE).id();
        String letter = attachments.store(null, "letter.pdf",
                new java.io.ByteArrayInputStream("%PDF-1.7\n%letter".getBytes(StandardCharsets.US_ASCII)), applicant,
                b.code()).id();
        complete(caseId, "step01", applicant, Map.of("applicationDate", LocalDate.now(clock).toString(), "letter", letter));
        return caseId;
    }

    private Map<String, Object> talk(Branch b) {
        return Map.of("talkDate", LocalDate.now(clock).toString(), "talker", b.s(), "summary", "谈话情况良好");
    }

    @Test
    void aStepDoneOnTimeEarnsItsCompleterAndALateOneCostsTheBranch() throws Exception {
        Branch b = branch();
        String onTime = atTheTalk(b, b.code().toLowerCase().replace("-", "") + "a1");
        String late = atTheTalk(b, b.code().toLowerCase().replace("-", "") + "a2");
        complete(onTime, "step02", b.s(), talk(b));
        int year = LocalDate.now(clock).getYear();
        points.catchUp();
        assertThat(points.member(b.s(), year, "admin").entries()).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo("stepOnTime");
            assertThat(e.category()).isEqualTo("STEP");
            assertThat(e.points()).isEqualTo(2);
            assertThat(e.caseId()).isEqualTo(onTime);
        });
        assertThat(points.member(b.code().toLowerCase().replace("-", "") + "a1", year, "admin").total())
                .as("the applicant's own step01 has no due date: nothing").isZero();

        time.moveTo(clock.instant().plus(java.time.Duration.ofDays(40)));
        complete(late, "step02", b.s(), talk(b));
        points.catchUp();
        int now = LocalDate.now(clock).getYear();
        OrgPoints branch = points.org(b.code(), now, "admin");
        assertThat(branch.assessment()).as("step02 late: the branch's −3").isEqualTo(-3);
        assertThat(points.member(b.s(), now, "admin").entries()).as("a late step earns its completer nothing")
                .noneMatch(e -> e.caseId().equals(late));
        assertThat(points.rebuild(false, "admin").differences()).isEmpty();
    }

    @Test
    void aClosedMonthsDuesCollectionRateIsRecordedOnceAndPricesTheBranch() {
        Branch b = branch();
        YearMonth last = YearMonth.now(clock).minusMonths(1);
        for (String member : List.of(b.m1(), b.m2())) {
            TestDues.base(bases, member, last);
            dues.record(new NewPayment(member, List.of(last.toString()), TestDues.STANDARD_FEN,
                    LocalDate.now(clock).toString()), "admin");
        }
        Branch other = branch();
        TestDues.base(bases, other.m1(), last);
        TestDues.base(bases, other.m2(), last);
        dues.record(new NewPayment(other.m1(), List.of(last.toString()), TestDues.STANDARD_FEN,
                LocalDate.now(clock).toString()), "admin");
        time.runChecks();
        time.runChecks();
        points.catchUp();
        int year = last.getYear();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'POINTS_DUES_MONTH_CLOSED'"
                + " and org_code = ?", Long.class, b.code())).as("once, however often the check runs").isEqualTo(1);
        // both owing members paid last month: 100 % gives 5; the other branch's one of two, 50 %, gives 0
        assertThat(points.org(b.code(), year, "admin").assessment()).isEqualTo(5);
        assertThat(points.org(other.code(), year, "admin").assessment()).isZero();
        assertThat(points.rebuild(false, "admin").differences()).isEmpty();
    }

    /** An officer of the town committee above the test branches, member of no branch. */
    private String department() {
        String u = "ptdept" + BRANCHES.incrementAndGet();
        person(u, "组织委员", "K-T", MemberStatus.FULL);
        people.grant(u, Role.ORG_DEPARTMENT, "K-T", "admin");
        return u;
    }

    @Test
    void theCommitteeAssessesABranchFromAboveOnlyAndItsIndexAddsTheScore() {
        Branch b = branch();
        String dept = department();
        // a secretary of the town committee who is a member of the branch: an officer above, but of their own branch
        String insider = b.code().toLowerCase().replace("-", "") + "in";
        person(insider, "兼职委员", b.code(), MemberStatus.FULL);
        people.grant(insider, Role.SECRETARY, "K-T", "admin");
        meeting(b, "THEME_DAY", List.of(), Map.of(), List.of(b.s(), b.c(), b.m1(), b.m2(), b.p(), insider));
        points.catchUp();
        int year = LocalDate.now(clock).getYear();
        long before = jdbc.queryForObject("select count(*) from points_assessment", Long.class);

        assertThatThrownBy(() -> assessments.assess(b.code(), year, 90, null, b.s())).as("the branch's own secretary")
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> assessments.assess(b.code(), year, 90, null, insider)).as("an officer above, inside")
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> assessments.assess(b.code(), year, 90, null, "reviewer")).as("a reviewer is no officer")
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> assessments.assess("K-T", year, 90, null, dept)).as("only a branch is assessed")
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> assessments.assess(b.code(), year + 1, 101, "好".repeat(501), dept))
                .isInstanceOfSatisfying(cn.xianfeng.common.InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(cn.xianfeng.common.InvalidInputException.Violation::field)
                        .containsExactlyInAnyOrder("year", "score", "comment"));
        assertThatThrownBy(() -> assessments.assess(b.code(), year, -1, null, dept))
                .isInstanceOf(cn.xianfeng.common.InvalidInputException.class);
        assertThat(jdbc.queryForObject("select count(*) from points_assessment", Long.class)).as("nothing written")
                .isEqualTo(before);

        OrgPoints unassessed = points.org(b.code(), year, "admin");
        assertThat(unassessed.committeeScore()).isNull();
        // six party members attended the theme day: 2 each; the branch held it: 3
        assertThat(unassessed.memberAverage()).isEqualTo(2.0);
        assertThat(unassessed.assessment()).isEqualTo(3);
        assessments.assess(b.code(), year, 80, "三会一课规范", dept);
        assessments.assess(b.code(), year, 90, "复核后调整", dept);
        OrgPoints assessed = points.org(b.code(), year, "admin");
        assertThat(assessed.committeeScore()).as("the latest counts").isEqualTo(90);
        assertThat(assessed.branchPoints()).isEqualTo(3);
        assertThat(assessed.assessment()).isEqualTo(93);
        assertThat(assessed.index()).isEqualTo(95.0);
        assertThat(points.org("K-T", year, "admin").children()).filteredOn(c -> c.code().equals(b.code()))
                .singleElement().satisfies(c -> {
                    assertThat(c.index()).isEqualTo(95.0);
                    assertThat(c.assessment()).isEqualTo(93);
                });
        assertThat(assessments.of(b.code(), year, b.s()).orElseThrow().assessorName()).isEqualTo("组织委员");
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'POINTS_BRANCH_ASSESSED'"
                + " and org_code = ?", Long.class, b.code())).isEqualTo(2);

        // the month's line: the members' average of the month + the branch's own points; its entries behind it
        String month = YearMonth.now(clock).toString();
        AppraisalTypes.BranchTrend line = trends.trend(b.code(), year, b.s()).branches().get(0);
        assertThat(line.months()).hasSize(12).filteredOn(m -> m.month().equals(month)).singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualTo(5.0));
        AppraisalTypes.Drill drill = trends.entries(b.code(), year, month, b.s());
        assertThat(drill.total()).isEqualTo(15);
        assertThat(drill.entries()).hasSize(7).extracting(AppraisalTypes.DrillEntry::who)
                .contains("党员甲", "兼职委员", "积分测试支部" + b.code()).doesNotContain(b.m1());
        assertThatThrownBy(() -> trends.entries(b.code(), year, (year - 1) + "-05", b.s()))
                .isInstanceOf(cn.xianfeng.common.InvalidInputException.class);
        assertThatThrownBy(() -> trends.trend(b.code(), year, b.m1())).as("a member sees no ranking")
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void theYearlyAppraisalWeighsPointsSixtyAndGradesFortyAndIssuesAVerifiedPdf() throws Exception {
        Branch b = branch();
        String dept = department();
        int year = LocalDate.now(clock).getYear();
        meeting(b, "THEME_DAY", List.of(), Map.of(), List.of(b.s(), b.c(), b.m1()));
        List<AppraisalTypes.GradeInput> grades = List.of(new AppraisalTypes.GradeInput(b.c(), "EXCELLENT"),
                new AppraisalTypes.GradeInput(b.m1(), "QUALIFIED"), new AppraisalTypes.GradeInput(b.m2(), "BASIC"),
                new AppraisalTypes.GradeInput(b.p(), "UNQUALIFIED"));
        assertThatThrownBy(() -> appraisals.record(b.code(), year, grades, b.s())).as("before the appraisal meeting")
                .isInstanceOf(cn.xianfeng.common.ConflictException.class);
        meeting(b, "APPRAISAL", List.of(), Map.of(), List.of(b.s(), b.c(), b.m1(), b.m2(), b.p()));
        points.catchUp();

        assertThatThrownBy(() -> appraisals.record(b.code(), year, List.of(new AppraisalTypes.GradeInput("member1", "EXCELLENT"),
                new AppraisalTypes.GradeInput(b.m1(), "GOOD")), b.s()))
                .isInstanceOfSatisfying(cn.xianfeng.common.InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(cn.xianfeng.common.InvalidInputException.Violation::field)
                        .containsExactly("grades[0].username", "grades[1].grade"));
        assertThatThrownBy(() -> appraisals.record(b.code(), year, grades, b.m1())).as("a member")
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> appraisals.record(b.code(), year, List.of(new AppraisalTypes.GradeInput(b.s(), "EXCELLENT")),
                b.s())).as("one's own grade").isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> appraisals.issue(b.code(), year, b.s())).as("no grade yet")
                .isInstanceOf(cn.xianfeng.common.ConflictException.class);
        assertThat(jdbc.queryForObject("select count(*) from points_appraisal where branch_code = ?", Long.class, b.code()))
                .isZero();

        appraisals.record(b.code(), year, grades, b.s());
        AppraisalTypes.Appraisal a = appraisals.record(b.code(), year,
                List.of(new AppraisalTypes.GradeInput(b.s(), "EXCELLENT")), dept);
        // theme day 2 (absent −2), appraisal meeting 5: s, c, m1 7; m2, p 3. Best 7: 7 → 100, 3 → 42.9
        assertThat(a.bestPoints()).isEqualTo(7);
        assertThat(a.meetingHeld()).isTrue();
        Map<String, Double> results = new HashMap<>();
        a.members().forEach(r -> results.put(r.username(), r.result()));
        assertThat(results).containsEntry(b.s(), 100.0).containsEntry(b.c(), 100.0)
                .containsEntry(b.m1(), 92.0)   // 60 + 0.4 × 80
                .containsEntry(b.m2(), 49.7)   // 0.6 × 42.9 + 0.4 × 60 = 49.74
                .containsEntry(b.p(), 25.7);   // 0.6 × 42.9 + 0
        assertThat(a.members().get(4).username()).isEqualTo(b.p());

        String code = appraisals.issue(b.code(), year, b.s());
        var check = documents.verify(code);
        assertThat(check.valid()).isTrue();
        assertThat(check.kind()).isEqualTo("POINTS_APPRAISAL");
        byte[] pdf = appraisals.pdf(b.code(), year, "auditor");
        assertThat(documents.checkSignature(pdf).valid()).isTrue();
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text).contains("年度党员评议表").contains("党员甲").contains("优秀").contains("基本合格")
                    .contains("49.7").contains(code).doesNotContain(b.m1()).doesNotContain("QUALIFIED");
        }
        assertThat(appraisals.appraisal(b.code(), year, b.s()).documentCode()).isEqualTo(code);
        assertThatThrownBy(() -> appraisals.pdf(b.code(), year, b.m1())).isInstanceOf(ForbiddenException.class);
    }
}
