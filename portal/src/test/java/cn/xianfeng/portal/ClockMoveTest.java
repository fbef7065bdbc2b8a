package cn.xianfeng.portal;

import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 "Also": moving the adjustable clock past the half-yearly timer of admission cases in training, with the
 * async executor running as in production. It used to hang (> 180 s) and leave a thread holding row locks; now the
 * move answers, each case gets its 半年考察 once, nothing stays locked; a move beside a person completing a step of
 * the same case stalls neither; a failed move leaves the clock where it was; and a move runs the time checks
 * (meeting compliance flags a branch that missed its month).
 */
class ClockMoveTest extends TimedPortal {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final AtomicInteger APPLICANTS = new AtomicInteger();

    @Autowired
    People people;
    @Autowired
    Orgs orgs;

    /** The context is shared with the classes ByContextOrder runs after this one: give them the real time back. */
    @org.junit.jupiter.api.AfterEach
    void realTimeAgain() throws Exception {
        Browserless.api(port, "DELETE", "/api/admin/clock", "admin", "admin-test-pw", null);
    }

    Instant serverNow() throws Exception {
        return Instant.parse(ok("GET", "/api/admin/clock", "admin", null).get("now").asText());
    }

    String today() throws Exception {
        return LocalDate.ofInstant(serverNow(), ZONE).toString();
    }

    /** The move as a client sees it, with a client-side limit well above what it may take. */
    HttpResponse<String> moveClock(Instant to) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/clock"))
                .timeout(Duration.ofSeconds(180))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"now\":\"" + OffsetDateTime.ofInstant(to, ZONE) + "\"}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A new applicant of the demo branch whose case has reached step06 (training and assessment). */
    String inTraining() throws Exception {
        String applicant = "trainee" + APPLICANTS.incrementAndGet() + "x" + System.nanoTime() % 10000;
        people.createDemoAccount(new NewPerson(applicant, "培养对象" + APPLICANTS.get(), LocalDate.of(1995, 3, 1), "C01-T1-B1",
                MemberStatus.APPLICANT, null, DEMO), "admin");
        String caseId = ok("POST", "/api/cases", applicant, "{\"process\":\"admission\",\"data\":{}}").get("id").asText();
        String letter = JSON.readTree(Uploads.post(port, applicant, "/api/attachments", "入党申请书.pdf",
                Uploads.pdf(applicant)).body()).get("id").asText();
        String today = today();
        complete(caseId, "step01", applicant, Map.of("applicationDate", today, "letter", letter));
        complete(caseId, "step02", "zhangsan", Map.of("talkDate", today, "talker", "zhangsan", "summary", "谈话情况良好"));
        complete(caseId, "step03", "lisi", Map.of("recommendation", "MEMBERS", "meetingDate", today, "decision", "APPROVE"));
        complete(caseId, "step04", "chenyi", Map.of("decision", "APPROVE"));
        complete(caseId, "step05", "zhangsan", Map.of("contacts", List.of("zhaoliu")));
        assertThat(steps(caseId)).containsExactly("step06");
        return caseId;
    }

    List<String> steps(String caseId) throws Exception {
        List<String> out = new ArrayList<>();
        ok("GET", "/api/cases/" + caseId, "admin", null).get("current").forEach(s -> out.add(s.get("stepId").asText()));
        return out;
    }

    long assessments(String caseId) throws Exception {
        return steps(caseId).stream().filter("step06Assessment"::equals).count();
    }

    /** Sessions of this database sitting in an open transaction: what the hanging move left behind. */
    long stuckTransactions() {
        return jdbc.sql("""
                select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
                   and state like 'idle in transaction%' and xact_start < now() - interval '10 seconds'""")
                .query(Long.class).single();
    }

    @Test
    void movingTheClockAcrossHalfAYearWithCasesInTrainingAnswersAndEachCaseGetsItsAssessmentOnce() throws Exception {
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cases.add(inTraining());
        }
        Instant halfYearOn = serverNow().atZone(ZONE).plusMonths(6).plusDays(2).toInstant();
        // the race behind the hang: the request thread and the async executor both ran the same timer job, and the
        // loser's failure handling (executeJob's FailedJobListener) waited for a lock its own transaction held.
        // Whoever loses, Flowable logs the failed job: with nobody else acting on these cases, none may fail.
        ch.qos.logback.classic.Logger flowable = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.flowable");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        flowable.addAppender(logged);
        long started = System.nanoTime();
        HttpResponse<String> moved;
        try {
            moved = moveClock(halfYearOn);
        } finally {
            flowable.detachAppender(logged);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(moved.statusCode()).as("after %s: %s", took, moved.body()).isEqualTo(200);
        assertThat(logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR))
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ": " + e.getThrowableProxy().getMessage()))
                .toList()).as("no timer job ran twice (request thread and executor) or failed").isEmpty();
        JsonNode answer = JSON.readTree(moved.body());
        assertThat(answer.get("timersFired").asInt()).isGreaterThanOrEqualTo(cases.size());
        assertThat(answer.get("failedJobs").asLong()).as(moved.body()).isZero();
        assertThat(answer.get("checks").has("meeting-compliance")).isTrue();
        for (String caseId : cases) {
            assertThat(steps(caseId)).as(caseId).contains("step06");
            assertThat(assessments(caseId)).as("one 半年考察 in " + caseId).isEqualTo(1);
        }
        assertThat(stuckTransactions()).as("no thread keeps a transaction (and its locks) open").isZero();

        HttpResponse<String> again = moveClock(serverNow().plus(Duration.ofDays(1)));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        for (String caseId : cases) {
            assertThat(assessments(caseId)).as("the next assessment is half a year away").isEqualTo(1);
        }
    }

    @Test
    void aTimerFiringWhileSomeoneCompletesAStepOfTheSameCaseStallsNeither() throws Exception {
        String racing = inTraining();
        String other = inTraining();
        String step06 = taskAt(racing, "step06");
        Instant halfYearOn = serverNow().atZone(ZONE).plusMonths(6).plusDays(2).toInstant();
        CompletableFuture<HttpResponse<String>> move = CompletableFuture.supplyAsync(() -> {
            try {
                return moveClock(halfYearOn);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpResponse<String> completed = api("POST", "/api/tasks/" + step06 + "/complete", "zhangsan",
                "{\"data\":{\"summary\":\"培养考察一年，表现良好\"}}");
        HttpResponse<String> moved = move.get(200, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        assertThat(steps(racing)).contains("step07");
        assertThat(assessments(other)).isEqualTo(1);
        assertThat(stuckTransactions()).isZero();
    }

    @Test
    void aMoveThatFailsLeavesTheClockWhereItWas() throws Exception {
        Instant before = serverNow();
        FailingTimeCheck.ARMED.set(true);
        HttpResponse<String> failed;
        try {
            failed = moveClock(before.plus(Duration.ofDays(40)));
        } finally {
            FailingTimeCheck.ARMED.set(false);
        }
        assertThat(failed.statusCode()).as(failed.body()).isGreaterThanOrEqualTo(500);
        assertThat(failed.body()).doesNotContain("IllegalStateException").doesNotContain("at cn.");
        Instant after = serverNow();
        assertThat(Duration.between(before, after)).as("the clock stays, running on at real speed")
                .isBetween(Duration.ZERO, Duration.ofMinutes(3));
        assertThat(moveClock(after.plus(Duration.ofHours(1))).statusCode()).as("the next move works").isEqualTo(200);
    }

    @Test
    void aMoveRunsTheTimeChecksSoABranchThatMissedItsMonthIsFlagged() throws Exception {
        String branch = "C01-T1-CK" + System.nanoTime() % 100000;
        orgs.create(new NewOrg(branch, "时间检查支部", OrgType.BRANCH, "C01-T1"), "admin");
        String secretary = "cksec" + System.nanoTime() % 100000;
        people.createDemoAccount(new NewPerson(secretary, "检查书记", LocalDate.of(1980, 1, 1), branch, MemberStatus.FULL,
                LocalDate.of(2005, 7, 1), DEMO), "admin");
        people.grant(secretary, Role.SECRETARY, branch, "admin");
        assertThat(flags(branch)).isZero();

        HttpResponse<String> moved = moveClock(serverNow().atZone(ZONE).plusMonths(2).plusDays(3).toInstant());
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(JSON.readTree(moved.body()).get("checks").get("meeting-compliance").asInt()).isPositive();
        assertThat(flags(branch)).as("flagged by the move, not 6 real hours later").isPositive();
        assertThat(jdbc.sql("select count(*) from meeting_flag where branch_code = ? and case_id is not null")
                .param(branch).query(Long.class).single()).as("a 补开/说明 case for its secretary").isPositive();
        assertThat(ok("GET", "/api/tasks?scope=todo", secretary, null).get("total").asLong()).isPositive();
    }

    private long flags(String branch) {
        return jdbc.sql("select count(*) from meeting_flag where branch_code = ?").param(branch).query(Long.class).single();
    }
}
