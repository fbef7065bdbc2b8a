package cn.xianfeng.portal;

import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.awt.Color;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 item 8: every read an auditor can make of a case is in the read log, because it goes through the
 * engine's read façade. The test enumerates the portal's GET endpoints and pages: each one that addresses a case (or a
 * file or document of one) must have a fixture here and, read by the county auditor, must add exactly one row for
 * that case to {@code audit_read}. A new endpoint without a fixture fails the test; so does one that does not log.
 * Searches and the trail's verification log their own rows; a read whose log cannot be written hands out nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadLogCoverageTest extends TimedPortal {

    static final String AUDITOR = "huangli";

    /** Case-addressed paths an auditor cannot read by design, and why. */
    static final Map<String, String> NOT_CASE_READS = Map.ofEntries(
            Map.entry("/tasks/{id}", "a task page: only its assignee or candidates (403 for an auditor, checked below)"),
            Map.entry("/api/tasks/{id}", "a task: only its assignee or candidates (403 for an auditor, checked below)"),
            Map.entry("/public/complaints/{code}", "the complainant's own view, by their credential, without signing in"),
            Map.entry("/api/public/complaints/{trackingCode}", "the complainant's own view, by their credential"),
            Map.entry("/api/public/verify/{code}", "public verification of an issued document's code (no case content)"),
            Map.entry("/api/orgs/{code}", "an org, not a case"),
            Map.entry("/api/people/{username}", "a person, not a case (personal data reads are audited as PERSONAL_DATA_VIEWED)"),
            Map.entry("/api/dues/members/{username}", "a member's or org's dues ledger, not a case"),
            Map.entry("/api/dues/orgs/{code}", "a member's or org's dues ledger, not a case"),
            Map.entry("/api/dues/orgs/{code}/rates", "a member's or org's dues ledger, not a case"),
            Map.entry("/api/dues/orgs/{code}/report.xlsx", "a member's or org's dues ledger, not a case"),
            Map.entry("/api/dues/payments/{id}/receipt.pdf", "a dues receipt, not a case"),
            Map.entry("/dues/members/{username}", "a member's or org's dues ledger, not a case"),
            Map.entry("/api/points/members/{username}", "points derived from the trail, not a case (entries link to the cases they came from)"),
            Map.entry("/api/points/orgs/{code}", "points derived from the trail, not a case (entries link to the cases they came from)"),
            Map.entry("/api/points/orgs/{code}/entries", "the ledger entries behind a number, not a case (they link to the cases they came from)"),
            Map.entry("/api/points/orgs/{code}/trend", "a branch's monthly points, not a case"),
            Map.entry("/api/points/orgs/{code}/appraisal", "a branch's yearly appraisal (points and grades), not a case"),
            Map.entry("/api/points/orgs/{code}/appraisal.pdf", "the branch's issued appraisal document, not a case"),
            Map.entry("/points/members/{username}", "points derived from the trail, not a case (entries link to the cases they came from)"),
            Map.entry("/js/bpmn-viewer-{hash:[0-9a-f]{32}}.js", "a static script, not a case"));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    People people;

    String report;
    String reportFile;
    String dossierCode;
    String admission;
    String meeting;
    String photo;
    String transfer;
    String complaint;
    String archived;

    /** Path pattern → (the URL to read, the case it reads, the kind the row must have). */
    final Map<String, Read> reads = new TreeMap<>();

    record Read(String url, String caseId, String kind) {
    }

    @BeforeAll
    void fixtures() throws Exception {
        String today = LocalDate.ofInstant(Instant.parse(ok("GET", "/api/admin/clock", "admin", null).get("now").asText()),
                ZoneId.of("Asia/Shanghai")).toString();
        reportFile = JSON.readTree(Uploads.post(port, "zhaoliu", "/api/attachments", "学习笔记.pdf",
                Uploads.pdf("notes")).body()).get("id").asText();
        report = ok("POST", "/api/cases", "zhaoliu", JSON.writeValueAsString(Map.of("process", "report", "data",
                Map.of("title", "读取留痕", "content", "内容", "reportDate", "2020-01-02", "attachments",
                        List.of(reportFile))))).get("id").asText();
        var dossier = Uploads.get(port, "zhangsan", "/api/cases/" + report + "/dossier.pdf");
        assertThat(dossier.statusCode()).isEqualTo(200);
        dossierCode = dossier.headers().firstValue("X-Verification-Code").orElseThrow();

        admission = ok("GET", "/api/me/admission", "wangwu", null).get("caseId").asText();

        meeting = ok("POST", "/api/cases", "zhangsan", JSON.writeValueAsString(Map.of("process", "meeting-record",
                "data", Map.of("type", "BRANCH_COMMITTEE", "plannedAt", OffsetDateTime.now(ZoneId.of("Asia/Shanghai"))
                        .withNano(0).plusHours(1).toString(), "place", "会议室", "host", "zhangsan", "recorder", "lisi",
                        "agenda", "研究工作")))).get("id").asText();
        photo = JSON.readTree(Uploads.post(port, "zhangsan", "/api/attachments", "会场.png", Uploads.png(Color.RED))
                .body()).get("id").asText();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("meetingDate", today);
        record.put("startTime", "09:00");
        record.put("place", "会议室");
        record.put("host", "zhangsan");
        record.put("recorder", "lisi");
        record.put("attendees", List.of("zhangsan", "lisi"));
        record.put("agenda", "研究工作");
        record.put("minutes", "会议纪要");
        record.put("photos", List.of(photo));
        complete(meeting, "record", "zhangsan", record);
        complete(meeting, "confirm", "zhangsan", Map.of("decision", "APPROVE"));

        for (JsonNode t : ok("GET", "/api/tasks?scope=todo&process=relation-transfer", "zhangsan", null).get("items")) {
            if (t.get("stepId").asText().equals("outgoingCheck")) {
                transfer = t.get("caseId").asText();
            }
        }
        assertThat(transfer).as("the demo transfer waits for zhangsan").isNotNull();
        // the dues month comes from the ledger (the demo's member is paid up), not from the form
        complete(transfer, "outgoingCheck", "zhangsan", Map.of("decision", "APPROVE"));
        complete(transfer, "issueLetter", "chenyi", Map.of("decision", "APPROVE"));

        jdbc.sql("delete from complaint_intake where address = '127.0.0.1'").update();
        String code = ok("POST", "/api/public/complaints", null, "{\"category\":\"COMMUNITY_SERVICE\",\"title\":\"井盖缺失\","
                + "\"content\":\"东门井盖缺失\",\"anonymous\":true}").get("trackingCode").asText();
        complaint = jdbc.sql("select case_id from complaint where tracking_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')")
                .param(code).query(String.class).single();
        complete(complaint, "dispatch", "xuqiang", Map.of("handlerOrg", "C01-T1-B1"));
        complete(complaint, "respond", "zhangsan", Map.of("response", "已联系"));
        complete(complaint, "handle", "zhangsan", Map.of("result", "RESOLVED", "handling", "已补装井盖"));
        complete(complaint, "reply", "zhangsan", Map.of("reply", "井盖已补装"));
        ok("POST", "/api/public/complaints/" + code + "/evaluation", null, "{\"rating\":\"SATISFIED\"}");

        archived = Fixtures.startReport(port, "zhaoliu", "归档留痕");
        complete(archived, "review", "zhangsan", Map.of("decision", "APPROVE"));
        complete(archived, "archive", "chenyi", Map.of("archiveNo", "DA-2026-900"));
        ok("POST", "/api/admin/retention/run", "admin", null);

        read("/api/cases/{id}", "/api/cases/" + report, report, "CASE_VIEWED");
        read("/api/cases/{id}/history", "/api/cases/" + report + "/history", report, "CASE_VIEWED");
        read("/api/cases/{id}/diagram", "/api/cases/" + report + "/diagram", report, "CASE_VIEWED");
        read("/api/cases/{id}/attachments", "/api/cases/" + report + "/attachments", report, "CASE_VIEWED");
        read("/api/attachments/{attachmentId}", "/api/attachments/" + reportFile, report, "ATTACHMENT_DOWNLOADED");
        read("/api/cases/{id}/dossier.pdf", "/api/cases/" + report + "/dossier.pdf", report, "DOSSIER_DOWNLOADED");
        read("/api/cases/{id}/archive", "/api/cases/" + archived + "/archive", archived, "CASE_VIEWED");
        read("/api/cases/{id}/transfer", "/api/cases/" + transfer + "/transfer", transfer, "CASE_VIEWED");
        read("/api/cases/{id}/letter.pdf", "/api/cases/" + transfer + "/letter.pdf", transfer, "DOCUMENT_DOWNLOADED");
        read("/api/cases/{id}/minutes.pdf", "/api/cases/" + meeting + "/minutes.pdf", meeting, "DOCUMENT_DOWNLOADED");
        read("/api/cases/{id}/closure.pdf", "/api/cases/" + complaint + "/closure.pdf", complaint, "DOCUMENT_DOWNLOADED");
        read("/api/meetings/{caseId}", "/api/meetings/" + meeting, meeting, "CASE_VIEWED");
        read("/api/complaints/{caseId}", "/api/complaints/" + complaint, complaint, "CASE_VIEWED");
        read("/api/admissions/{caseId}", "/api/admissions/" + admission, admission, "CASE_VIEWED");
        read("/cases/{id}", "/cases/" + report, report, "CASE_VIEWED");
        read("/audit/cases/{id}", "/audit/cases/" + report, report, "CASE_VIEWED");
        read("/audit/cases/{id}/attachments/{attachmentId}", "/audit/cases/" + report + "/attachments/" + reportFile,
                report, "ATTACHMENT_DOWNLOADED");
        read("/audit/cases/{id}/documents/{code}", "/audit/cases/" + report + "/documents/" + dossierCode, report,
                "DOCUMENT_DOWNLOADED");
        read("/meetings/{caseId}", "/meetings/" + meeting, meeting, "CASE_VIEWED");
        read("/meetings/{caseId}/files/{attachmentId}", "/meetings/" + meeting + "/files/" + photo, meeting,
                "ATTACHMENT_DOWNLOADED");
        read("/complaints/{caseId}", "/complaints/" + complaint, complaint, "CASE_VIEWED");
    }

    private void read(String pattern, String url, String caseId, String kind) {
        reads.put(pattern, new Read(url, caseId, kind));
    }

    /** Every GET path (API and pages) with a path variable: those that may address a case. */
    private Set<String> addressed() {
        Set<String> out = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            var methods = info.getMethodsCondition().getMethods();
            if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
                info.getPatternValues().stream().filter(p -> p.contains("{"))
                        .filter(p -> !p.startsWith("/v3/") && !p.startsWith("/swagger-ui")).forEach(out::add);
            }
        });
        return out;
    }

    private long logged(String caseId) {
        return jdbc.sql("select count(*) from audit_read where actor = ? and case_id = ?").params(AUDITOR, caseId)
                .query(Long.class).single();
    }

    @Test
    void everyEndpointThatReadsACaseHasAFixtureHere() {
        List<String> unknown = addressed().stream()
                .filter(p -> !reads.containsKey(p) && !NOT_CASE_READS.containsKey(p)).toList();
        assertThat(unknown).as("GET endpoints with a path variable that this test does not know: give each a fixture "
                + "(it reads a case) or a reason in NOT_CASE_READS").isEmpty();
    }

    @Test
    void eachAuditorReadOfACaseIsLoggedOnceWithItsKindBeforeTheContentLeaves() throws Exception {
        Browserless pages = signedIn(AUDITOR);
        List<String> wrong = new ArrayList<>();
        for (var e : reads.entrySet()) {
            Read r = e.getValue();
            long before = logged(r.caseId());
            long lastId = jdbc.sql("select coalesce(max(id), 0) from audit_read").query(Long.class).single();
            int status = r.url().startsWith("/api/") ? Uploads.get(port, AUDITOR, r.url()).statusCode()
                    : pages.get(r.url()).statusCode();
            long after = logged(r.caseId());
            List<Map<String, Object>> rows = jdbc.sql("select kind, detail, source_address from audit_read "
                    + "where actor = ? and case_id = ? and id > ?").params(AUDITOR, r.caseId(), lastId).query().listOfRows();
            if (status != 200) {
                wrong.add(e.getKey() + ": status " + status);
            } else if (after != before + 1) {
                wrong.add(e.getKey() + ": " + (after - before) + " rows instead of one");
            } else if (!r.kind().equals(rows.get(0).get("kind"))) {
                wrong.add(e.getKey() + ": kind " + rows.get(0).get("kind") + " instead of " + r.kind());
            } else if (rows.get(0).get("detail") == null || !"127.0.0.1".equals(rows.get(0).get("source_address"))) {
                wrong.add(e.getKey() + ": detail or source address missing " + rows.get(0));
            }
        }
        assertThat(wrong).as("%d auditor-visible reads checked", reads.size()).isEmpty();
        assertThat(reads).hasSizeGreaterThanOrEqualTo(21);
    }

    @Test
    void anotherPersonsReadsAreNotLoggedAndAnAuditorCannotOpenTasks() throws Exception {
        long before = jdbc.sql("select count(*) from audit_read where actor = 'zhangsan'").query(Long.class).single();
        assertThat(api("GET", "/api/cases/" + report, "zhangsan", null).statusCode()).isEqualTo(200);
        assertThat(Uploads.get(port, "zhangsan", "/api/attachments/" + reportFile).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from audit_read where actor = 'zhangsan'").query(Long.class).single())
                .isEqualTo(before);
        String task = Fixtures.firstTask(port, Fixtures.startReport(port, "zhaoliu", "任务不可读"));
        assertThat(api("GET", "/api/tasks/" + task, AUDITOR, null).statusCode()).isEqualTo(403);
        assertThat(signedIn(AUDITOR).get("/tasks/" + task).statusCode()).isEqualTo(403);
    }

    @Test
    void searchesListsAndVerificationsAreLoggedToo() throws Exception {
        long before = jdbc.sql("select count(*) from audit_read where actor = ?").param(AUDITOR).query(Long.class).single();
        assertThat(api("GET", "/api/search?q=" + java.net.URLEncoder.encode("读取留痕", "UTF-8"), AUDITOR, null)
                .statusCode()).isEqualTo(200);
        assertThat(api("GET", "/api/audit/verify?case=" + report, AUDITOR, null).statusCode()).isEqualTo(200);
        assertThat(api("GET", "/api/admissions?org=C01-T1-B1", AUDITOR, null).statusCode()).isEqualTo(200);
        List<Map<String, Object>> rows = jdbc.sql("select kind, case_id, detail from audit_read where actor = ? "
                + "order by id offset ?").params(AUDITOR, before).query().listOfRows();
        assertThat(rows).extracting(r -> r.get("kind")).startsWith("SEARCH", "CHAIN_VERIFIED");
        assertThat(rows.get(0).get("detail").toString()).contains("q=读取留痕");
        assertThat(rows.get(1).get("detail").toString()).startsWith("valid");
        assertThat(rows).as("a list of admissions logs each case it shows")
                .anyMatch(r -> admission.equals(r.get("case_id")) && "CASE_VIEWED".equals(r.get("kind")));
    }

    @Test
    void aReadWhoseLogCannotBeWrittenHandsOutNothing() throws Exception {
        String reader = "readfail" + System.nanoTime() % 100000;
        people.createDemoAccount(new NewPerson(reader, "审计员乙", LocalDate.of(1975, 1, 1), "C01", MemberStatus.FULL,
                LocalDate.of(2000, 7, 1), DEMO), "admin");
        people.grant(reader, Role.AUDITOR, "C01", "admin");
        jdbc.sql("""
                create or replace function reads_unwritable() returns trigger language plpgsql as $$
                begin raise exception 'the read log is unavailable (test)'; end $$""").update();
        jdbc.sql("create trigger reads_unwritable before insert on audit_read for each row when (new.actor = '"
                + reader + "') execute function reads_unwritable()").update();
        try {
            HttpResponse<String> r = api("GET", "/api/cases/" + report, reader, null);
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).doesNotContain("读取留痕").doesNotContain(report);
            var file = Uploads.get(port, reader, "/api/attachments/" + reportFile);
            assertThat(file.statusCode()).isEqualTo(503);
            assertThat(new String(file.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("notes");
        } finally {
            jdbc.sql("drop trigger reads_unwritable on audit_read").update();
        }
        assertThat(api("GET", "/api/cases/" + report, reader, null).statusCode()).isEqualTo(200);
    }
}
