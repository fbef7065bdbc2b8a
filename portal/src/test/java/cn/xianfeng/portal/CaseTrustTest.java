package cn.xianfeng.portal;

import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.People;
import cn.xianfeng.testing.RealPostgresInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.awt.Color;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 items 6, 13 and 14 performed as attacks over HTTP, against the demo county: reading a case is not writing
 * to it; an upload belongs to its uploader until a form of theirs binds it; a case stays with the org it was filed
 * in when its starter moves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "xianfeng.demo-password=demo-2026")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class CaseTrustTest {

    static final String DEMO = Fixtures.DEMO;
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    People people;
    @Autowired
    Attachments attachments;

    private HttpResponse<String> api(String method, String path, String user, String json) throws Exception {
        return Browserless.api(port, method, path, user, DEMO, json);
    }

    private long attachmentsOf(String caseId) {
        return jdbc.sql("select count(*) from attachment where case_id = ?").param(caseId).query(Long.class).single();
    }

    private long events(String caseId, String action) {
        return jdbc.sql("select count(*) from audit_event where case_id = ? and action = ?").params(caseId, action)
                .query(Long.class).single();
    }

    @Test
    void anAuditorReadsACaseButCannotAttachCopyOrRemind() throws Exception {
        String caseId = Fixtures.startReport(port, "zhaoliu", "审计只读");
        String task = Fixtures.firstTask(port, caseId);
        assertThat(api("GET", "/api/cases/" + caseId, "huangli", null).statusCode()).isEqualTo(200);

        HttpResponse<String> attach = Uploads.post(port, "huangli", "/api/cases/" + caseId + "/attachments", "审计.pdf",
                Uploads.pdf("auditor"));
        assertThat(attach.statusCode()).as(attach.body()).isEqualTo(403);
        assertThat(api("POST", "/api/cases/" + caseId + "/copies", "huangli", "{\"to\":\"lisi\"}").statusCode())
                .isEqualTo(403);
        assertThat(api("POST", "/api/tasks/" + task + "/remind", "huangli", "{\"message\":\"快\"}").statusCode())
                .isEqualTo(403);
        assertThat(attachmentsOf(caseId)).isZero();
        assertThat(events(caseId, "CASE_COPIED") + events(caseId, "TASK_REMINDED")).as("nothing written").isZero();
        assertThat(jdbc.sql("select count(*) from case_copy where case_id = ?").param(caseId).query(Long.class).single())
                .isZero();
        assertThat(new String(Uploads.get(port, "huangli", "/api/cases/" + caseId + "/dossier.pdf").body(),
                java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF");

        Browserless auditor = new Browserless(port);
        auditor.login("huangli", DEMO);
        String page = auditor.get("/cases/" + caseId).body();
        assertThat(page).as("the case page offers a reader nothing to write")
                .doesNotContain("/remind").doesNotContain("/copy\"").doesNotContain("/attachments\"")
                .doesNotContain("/withdraw").doesNotContain("href=\"/tasks/" + task);
        HttpResponse<String> postPage = auditor.postMultipart("/cases/" + caseId + "/attachments", Map.of(),
                Map.of("file", Uploads.pdf("page")));
        assertThat(postPage.statusCode()).isEqualTo(403);
        assertThat(attachmentsOf(caseId)).isZero();

        // the same case offers its secretary the step, the member who filed it 催办 and an upload
        Browserless secretary = new Browserless(port);
        secretary.login("zhangsan", DEMO);
        assertThat(secretary.get("/cases/" + caseId).body()).contains("href=\"/tasks/" + task)
                .contains("/attachments\"").doesNotContain("/tasks/" + task + "/remind");
        Browserless starter = new Browserless(port);
        starter.login("zhaoliu", DEMO);
        assertThat(starter.get("/cases/" + caseId).body()).contains("/tasks/" + task + "/remind")
                .doesNotContain("href=\"/tasks/" + task + "\"");
        assertThat(Uploads.post(port, "zhaoliu", "/api/cases/" + caseId + "/attachments", "补充.pdf",
                Uploads.pdf("starter")).statusCode()).isEqualTo(201);
        assertThat(attachmentsOf(caseId)).isEqualTo(1);
    }

    @Test
    void whomACaseWasCopiedToReadsItButCannotPassItOnOrWrite() throws Exception {
        String caseId = Fixtures.startReport(port, "zhaoliu", "抄送不可再抄");
        String task = Fixtures.firstTask(port, caseId);
        assertThat(api("GET", "/api/cases/" + caseId, "sunqi", null).statusCode()).as("not before the copy").isEqualTo(404);
        assertThat(api("POST", "/api/cases/" + caseId + "/copies", "zhaoliu", "{\"to\":\"sunqi\"}").statusCode())
                .isEqualTo(201);
        assertThat(api("GET", "/api/cases/" + caseId, "sunqi", null).statusCode()).isEqualTo(200);

        assertThat(api("POST", "/api/cases/" + caseId + "/copies", "sunqi", "{\"to\":\"wangwu\"}").statusCode())
                .as("a copy does not copy on").isEqualTo(403);
        assertThat(api("GET", "/api/cases/" + caseId, "wangwu", null).statusCode()).isEqualTo(404);
        assertThat(api("POST", "/api/tasks/" + task + "/remind", "sunqi", "{}").statusCode()).isEqualTo(403);
        assertThat(Uploads.post(port, "sunqi", "/api/cases/" + caseId + "/attachments", "x.pdf", Uploads.pdf("cc"))
                .statusCode()).isEqualTo(403);
        assertThat(api("POST", "/api/cases/" + caseId + "/withdraw", "sunqi", "{\"reason\":\"x\"}").statusCode())
                .isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from case_copy where case_id = ?").param(caseId).query(Long.class).single())
                .isEqualTo(1);
        assertThat(events(caseId, "TASK_REMINDED")).isZero();
    }

    @Test
    void anUploadIsBoundOnlyByItsUploaderSoNobodyPutsItIntoTheirMeetingRecord() throws Exception {
        HttpResponse<String> uploaded = Uploads.post(port, "wujiu", "/api/attachments", "私人照片.png",
                Uploads.png(Color.GREEN));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String stranger = JSON.readTree(uploaded.body()).get("id").asText();
        assertThat(Uploads.get(port, "zhangsan", "/api/attachments/" + stranger).statusCode())
                .as("another person's unbound upload cannot be read").isEqualTo(404);
        assertThat(Uploads.get(port, "wujiu", "/api/attachments/" + stranger).statusCode())
                .as("its uploader can").isEqualTo(200);

        String meeting = plannedMeeting();
        String record = openTask(meeting, "record");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("meetingDate", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        data.put("startTime", "09:00");
        data.put("place", "城关社区党群服务中心");
        data.put("host", "zhangsan");
        data.put("recorder", "lisi");
        data.put("attendees", List.of("zhangsan", "lisi"));
        data.put("agenda", "研究工作");
        data.put("minutes", "会议记录");
        data.put("photos", List.of(stranger));
        HttpResponse<String> bound = api("POST", "/api/tasks/" + record + "/complete", "zhangsan",
                JSON.writeValueAsString(Map.of("data", data)));
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(400);
        assertThat(bound.body()).contains("data.photos");
        assertThat(jdbc.sql("select case_id is null from attachment where id = ?").param(stranger).query(Boolean.class)
                .single()).as("still unbound").isTrue();
        assertThat(openTask(meeting, "record")).as("the record step is still open").isEqualTo(record);

        // the same form with the secretary's own photo goes through and binds it to the meeting, at its step
        String own = JSON.readTree(Uploads.post(port, "zhangsan", "/api/attachments", "会场.png",
                Uploads.png(Color.RED)).body()).get("id").asText();
        data.put("photos", List.of(own));
        HttpResponse<String> ok = api("POST", "/api/tasks/" + record + "/complete", "zhangsan",
                JSON.writeValueAsString(Map.of("data", data)));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode files = JSON.readTree(api("GET", "/api/cases/" + meeting + "/attachments", "chenyi", null).body());
        assertThat(files).hasSize(1);
        assertThat(files.get(0).get("id").asText()).isEqualTo(own);
        assertThat(files.get(0).get("stepId").asText()).isEqualTo("record");
        assertThat(files.get(0).get("uploadedBy").asText()).isEqualTo("zhangsan");

        // a start form naming someone else's upload is refused the same way, and starts nothing
        long cases = jdbc.sql("select count(*) from case_record").query(Long.class).single();
        HttpResponse<String> start = api("POST", "/api/cases", "zhaoliu", "{\"process\":\"report\",\"data\":{"
                + "\"title\":\"借用附件\",\"content\":\"x\",\"reportDate\":\"2020-01-02\",\"attachments\":[\"" + stranger + "\"]}}");
        assertThat(start.statusCode()).as(start.body()).isEqualTo(400);
        assertThat(start.body()).contains("data.attachments");
        assertThat(jdbc.sql("select count(*) from case_record").query(Long.class).single()).isEqualTo(cases);
    }

    @Test
    void unboundUploadsAreLimitedPerPersonAndExpire() throws Exception {
        String who = "uploader" + System.nanoTime() % 100000;
        people.createDemoAccount(new NewPerson(who, "上传者", LocalDate.of(1980, 1, 1), "C01-T1-B1", MemberStatus.FULL,
                LocalDate.of(2005, 7, 1), DEMO), "admin");
        for (int i = 0; i < 50; i++) {
            assertThat(Uploads.post(port, who, "/api/attachments", "f" + i + ".pdf", Uploads.pdf(who + i)).statusCode())
                    .isEqualTo(201);
        }
        HttpResponse<String> more = Uploads.post(port, who, "/api/attachments", "more.pdf", Uploads.pdf("more"));
        assertThat(more.statusCode()).as("no unbounded orphan storage: " + more.body()).isEqualTo(429);

        assertThat(attachments.expireUnbound(Instant.now().minus(1, ChronoUnit.HOURS))).as("not yet old").isZero();
        int gone = attachments.expireUnbound(Instant.now().plus(2, ChronoUnit.DAYS));
        assertThat(gone).isGreaterThanOrEqualTo(50);
        assertThat(jdbc.sql("select count(*) from attachment where uploaded_by = ?").param(who).query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("select count(*) from attachment_blob b where not exists "
                + "(select 1 from attachment a where a.sha256 = b.sha256)").query(Long.class).single())
                .as("no content left without an attachment").isZero();
        assertThat(Uploads.post(port, who, "/api/attachments", "again.pdf", Uploads.pdf("again")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void aCaseStaysWithTheOrgItWasFiledInWhenItsStarterMoves() throws Exception {
        String member = "mover" + System.nanoTime() % 100000;
        people.createDemoAccount(new NewPerson(member, "调动党员", LocalDate.of(1980, 1, 1), "C01-T1-B1", MemberStatus.FULL,
                LocalDate.of(2005, 7, 1), DEMO), "admin");
        HttpResponse<String> filed = api("POST", "/api/cases", member, "{\"process\":\"report\",\"data\":{"
                + "\"title\":\"请假说明\",\"content\":\"因家事请假（他人隐私）\",\"reportDate\":\"2020-01-02\"}}");
        assertThat(filed.statusCode()).isEqualTo(201);
        String caseId = JSON.readTree(filed.body()).get("id").asText();
        assertThat(api("GET", "/api/cases/" + caseId, "zhengshi", null).statusCode()).isEqualTo(404);

        people.moveTo(member, "C01-T2-B1", null, "admin"); // what a completed relation transfer does

        for (String path : List.of("", "/history", "/diagram", "/attachments", "/dossier.pdf")) {
            HttpResponse<String> r = api("GET", "/api/cases/" + caseId + path, "zhengshi", null);
            assertThat(r.statusCode()).as("the new branch's secretary, " + path).isEqualTo(404);
            assertThat(r.body()).doesNotContain("他人隐私");
        }
        assertThat(api("GET", "/api/cases/" + caseId, "zhangsan", null).statusCode())
                .as("the branch it was filed in keeps it").isEqualTo(200);
        assertThat(api("GET", "/api/cases/" + caseId, member, null).statusCode()).as("and its starter").isEqualTo(200);
    }

    private String plannedMeeting() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).withNano(0);
        HttpResponse<String> started = api("POST", "/api/cases", "zhangsan", JSON.writeValueAsString(Map.of(
                "process", "meeting-record", "data", Map.of("type", "BRANCH_COMMITTEE", "plannedAt",
                        now.plusHours(1).toString(), "place", "城关社区党群服务中心", "host", "zhangsan", "recorder", "lisi",
                        "agenda", "研究工作"))));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return JSON.readTree(started.body()).get("id").asText();
    }

    private String openTask(String caseId, String step) throws Exception {
        Matcher m = Pattern.compile("\"stepId\":\"" + step + "\",\"name\":\"[^\"]*\",\"taskId\":\"([^\"]+)\"")
                .matcher(api("GET", "/api/cases/" + caseId, "zhangsan", null).body());
        assertThat(m.find()).as("an open " + step).isTrue();
        return m.group(1);
    }
}
