package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo applicant 王五 becomes a full member through the pages, as people would do it in a browser: each
 * step's form fetched and posted by the demo account that owes it (files as multipart uploads), the year as an
 * activist and the year of probation passed with the adjustable clock of the test profile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw", "xianfeng.clock.adjustable=true",
        "flowable.async-executor-activate=false"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class AdmissionPagesTest {

    static final String DEMO = "demo-2026";
    static final Pattern TASK = Pattern.compile("\"stepId\":\"(step\\d\\d)\",\"name\":\"[^\"]*\",\"taskId\":\"([^\"]+)\"");
    static final byte[] PDF = "%PDF-1.4\n% scan\n".getBytes();

    @LocalServerPort
    int port;

    final Map<String, Browserless> browsers = new HashMap<>();

    Browserless as(String user) throws Exception {
        if (!browsers.containsKey(user)) {
            Browserless b = new Browserless(port);
            assertThat(b.login(user, DEMO).statusCode()).isEqualTo(302);
            browsers.put(user, b);
        }
        return browsers.get(user);
    }

    static String owner(String step) {
        return switch (step) {
            case "step14", "step22" -> "wangwu";
            case "step03", "step12" -> "lisi";
            case "step04", "step08", "step13", "step16", "step17", "step24" -> "chenyi";
            case "step18" -> "yangfan";
            default -> "zhangsan";
        };
    }

    Map<String, String> form(String step) {
        String today = OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).plusSeconds(clockOffset).toLocalDate().toString();
        Map<String, String> vote = Map.of("meetingDate", today, "entitled", "6", "present", "6", "yes", "5", "no", "1",
                "abstain", "0");
        Map<String, String> f = new LinkedHashMap<>(switch (step) {
            case "step02", "step16" -> Map.of("talkDate", today, "talker", owner(step), "summary", "谈话情况良好");
            case "step03" -> Map.of("recommendation", "MEMBERS", "meetingDate", today, "decision", "APPROVE");
            case "step05" -> Map.of("contacts", "zhaoliu");
            case "step06" -> Map.of("summary", "培养考察一年，表现良好");
            case "step07" -> Map.of("meetingDate", today, "opinionsHeard", "true", "decision", "APPROVE");
            case "step09" -> Map.of("introducers", "zhaoliu, sunqi");
            case "step10" -> Map.of("conclusion", "政治审查合格", "decision", "APPROVE");
            case "step11" -> Map.of("trainingDays", "3", "trainingHours", "24");
            case "step14" -> Map.of("fillDate", today);
            case "step15" -> vote;
            case "step17", "step24" -> Map.of("approvalDate", today, "decision", "APPROVE");
            case "step19" -> Map.of("group", "C01-T1-B1-G1");
            case "step20" -> Map.of("oathDate", today);
            case "step21" -> Map.of("education", "继续教育考察情况良好");
            case "step22" -> Map.of("applicationDate", today);
            case "step23" -> vote;
            case "step25" -> Map.of("archiveNo", "DA-2027-001");
            default -> Map.of("decision", "APPROVE");
        });
        if (step.equals("step23")) {
            f.put("decision", "ON_TIME");
        }
        return f;
    }

    long clockOffset;

    /** The context is shared with the classes ByContextOrder runs after this one: give them the real time back. */
    @org.junit.jupiter.api.AfterEach
    void realTimeAgain() throws Exception {
        if (clockOffset != 0) {
            Browserless.api(port, "DELETE", "/api/admin/clock", "admin", "admin-test-pw", null);
            clockOffset = 0;
        }
    }

    void moveClock(long days) throws Exception {
        clockOffset += days * 86400;
        String now = OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).plusSeconds(clockOffset).toString();
        HttpResponse<String> moved = Browserless.api(port, "POST", "/api/admin/clock", "admin", "admin-test-pw",
                "{\"now\":\"" + now + "\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    }

    @Test
    void theDemoApplicantBecomesAFullMemberThroughThePages() throws Exception {
        String progress = Browserless.api(port, "GET", "/api/me/admission", "wangwu", DEMO, null).body();
        String caseId = progress.replaceAll(".*\"caseId\":\"([^\"]+)\".*", "$1");
        assertThat(as("wangwu").get("/me/admission").body()).contains("第 2 步（共 25 步）").contains("党组织派人谈话");
        // 思想汇报 from the start page: listed with its quarter's count for the applicant and on the case for the secretary
        assertThat(as("wangwu").get("/me/admission").body()).contains("尚未递交思想汇报").contains("process=thought-report");
        HttpResponse<String> report = as("wangwu").postMultipart("/cases", Map.of("process", "thought-report",
                "title", "第一份思想汇报", "content", "通过学习党章，我对党的性质和宗旨有了更深的认识，决心以实际行动争取入党。"),
                Map.of("attachments", PDF));
        assertThat(report.statusCode()).as(report.body().replaceAll("(?s).*error-summary(.{0,400}).*", "$1")).isEqualTo(302);
        assertThat(as("wangwu").get("/me/admission").body()).contains("第一份思想汇报").containsPattern("第 \\d 季度：1 份");
        assertThat(as("zhangsan").get("/cases/" + caseId).body()).containsPattern("第 \\d 季度：1 份");
        assertThat(Browserless.api(port, "GET", "/api/me/admission", "wangwu", DEMO, null).body())
                .contains("\"reportsByQuarter\":[{\"quarter\":").contains("\"count\":1");

        for (int n = 2; n <= 25; n++) {
            String step = String.format("step%02d", n);
            if (step.equals("step07")) {
                moveClock(366);
            }
            if (step.equals("step22")) {
                assertThat(as("wangwu").get("/me/admission").body()).contains("预备期满");
                moveClock(366);
            }
            Matcher m = TASK.matcher(Browserless.api(port, "GET", "/api/admissions/" + caseId, "zhangsan", DEMO, null).body());
            assertThat(m.find()).as("a task at " + step).isTrue();
            assertThat(m.group(1)).isEqualTo(step);
            Browserless owner = as(owner(step));
            HttpResponse<String> page = owner.get("/tasks/" + m.group(2));
            assertThat(page.statusCode()).as(step).isEqualTo(200);
            HttpResponse<String> done = switch (step) {
                case "step14" -> owner.postMultipart("/tasks/" + m.group(2), form(step), Map.of("volunteerForm", PDF));
                case "step22" -> owner.postMultipart("/tasks/" + m.group(2), form(step), Map.of("letter", PDF));
                default -> owner.post("/tasks/" + m.group(2), form(step));
            };
            assertThat(done.statusCode()).as(step + ": " + done.body().replaceAll("(?s).*error-summary(.{0,400}).*", "$1"))
                    .isEqualTo(302);
        }

        String mine = as("wangwu").get("/me/admission").body();
        assertThat(mine).contains("已办结").contains("转为正式党员").contains("step25");
        assertThat(Browserless.api(port, "GET", "/api/people/wangwu", "wangwu", DEMO, null).body())
                .contains("\"status\":\"FULL\"").contains("\"orgCode\":\"C01-T1-B1-G1\"");
    }
}
