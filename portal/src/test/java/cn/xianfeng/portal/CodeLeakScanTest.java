package cn.xianfeng.portal;

import cn.xianfeng.audit.AuditAction;
import com.fasterxml.jackson.databind.JsonNode;
import org.flowable.bpmn.model.UserTask;
import org.flowable.engine.RepositoryService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 items 1-2: no internal code reaches a person. A full demo run (the demo county, plus a report with a file,
 * a meeting with minutes, the demo transfer with its letter, a complaint closed and rated, a dues payment) is walked as
 * the demo users: 待办, 已办, a task, case pages with history, 我发起的, 谁欠谁, dashboards, audit search, meetings,
 * complaints, dues, in zh-CN and English; and every document (dossier, letter, minutes, closure report, receipt) is
 * read with PDFBox. Visible text must hold no enum constant, step id, UUID, org code or resource name. Its own
 * context (own database): the run changes demo cases other tests expect untouched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "xianfeng.test.context=code-leak-scan")
class CodeLeakScanTest extends TimedPortal {

    @Autowired
    RepositoryService repository;

    String report;
    String meeting;
    String transfer;
    String complaint;
    String complaintCode;
    String admission;
    String receipt;
    String zhangsanTask;
    String dossierCode;
    CodeScan scan;

    @BeforeAll
    void aFullDemoRun() throws Exception {
        Set<String> steps = new TreeSet<>();
        repository.createProcessDefinitionQuery().latestVersion().list().forEach(d -> repository.getBpmnModel(d.getId())
                .getMainProcess().findFlowElementsOfType(UserTask.class, true).forEach(t -> steps.add(t.getId())));
        scan = new CodeScan(steps);
        String today = LocalDate.ofInstant(Instant.parse(ok("GET", "/api/admin/clock", "admin", null).get("now").asText()),
                ZoneId.of("Asia/Shanghai")).toString();

        String file = JSON.readTree(Uploads.post(port, "zhaoliu", "/api/attachments", "学习笔记.pdf",
                Uploads.pdf("notes")).body()).get("id").asText();
        report = ok("POST", "/api/cases", "zhaoliu", JSON.writeValueAsString(Map.of("process", "report", "data",
                Map.of("title", "学习情况", "content", "内容", "reportDate", "2020-01-02", "attachments",
                        List.of(file))))).get("id").asText();
        complete(report, "review", "zhangsan", Map.of("decision", "REJECT", "reason", "请补充材料"));

        admission = ok("GET", "/api/me/admission", "wangwu", null).get("caseId").asText();

        meeting = ok("POST", "/api/cases", "zhangsan", JSON.writeValueAsString(Map.of("process", "meeting-record",
                "data", Map.of("type", "BRANCH_COMMITTEE", "plannedAt", OffsetDateTime.now(ZoneId.of("Asia/Shanghai"))
                        .withNano(0).plusHours(1).toString(), "place", "会议室", "host", "zhangsan", "recorder", "lisi",
                        "agenda", "研究工作")))).get("id").asText();
        String photo = JSON.readTree(Uploads.post(port, "zhangsan", "/api/attachments", "会场.png", Uploads.png(Color.RED))
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
        complete(transfer, "outgoingCheck", "zhangsan", Map.of("decision", "APPROVE"));
        complete(transfer, "issueLetter", "chenyi", Map.of("decision", "APPROVE"));

        jdbc.sql("delete from complaint_intake where address = '127.0.0.1'").update();
        complaintCode = ok("POST", "/api/public/complaints", null, "{\"category\":\"INFRASTRUCTURE\",\"title\":\"井盖缺失\","
                + "\"content\":\"东门井盖缺失\",\"anonymous\":true}").get("trackingCode").asText();
        complaint = jdbc.sql("select case_id from complaint where tracking_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')")
                .param(complaintCode).query(String.class).single();
        complete(complaint, "dispatch", "xuqiang", Map.of("handlerOrg", "C01-T2-B1", "overrideReason", "属地支部办理"));
        complete(complaint, "respond", "zhengshi", Map.of("response", "已联系"));
        complete(complaint, "handle", "zhengshi", Map.of("result", "RESOLVED", "handling", "已补装井盖"));
        complete(complaint, "reply", "zhengshi", Map.of("reply", "井盖已补装"));
        ok("POST", "/api/public/complaints/" + complaintCode + "/evaluation", null,
                "{\"rating\":\"BASICALLY_SATISFIED\"}");

        JsonNode sunqi = ok("GET", "/api/dues/members/sunqi", "lisi", null);
        receipt = ok("POST", "/api/dues/payments", "lisi", "{\"username\":\"sunqi\",\"months\":[\""
                + sunqi.get("firstUnpaid").asText() + "\"],\"amountFen\":" + sunqi.get("standardFen").asLong()
                + ",\"paidOn\":\"" + today + "\"}").get("id").asText();

        zhangsanTask = ok("GET", "/api/tasks?scope=todo", "zhangsan", null).get("items").get(0).get("id").asText();
    }

    /** user → pages that person opens. */
    private Map<String, List<String>> walk() {
        Map<String, List<String>> pages = new LinkedHashMap<>();
        pages.put("zhangsan", List.of("/tasks", "/tasks?scope=done", "/tasks?scope=cc", "/tasks/" + zhangsanTask,
                "/cases/" + report, "/cases/" + meeting, "/cases/" + transfer, "/cases/" + admission, "/cases/mine",
                "/owed", "/owed?org=C01-T1-B1", "/owed/person?org=C01-T1-B1&person=zhangsan", "/notices", "/dashboard", "/meetings/" + meeting, "/me/meetings",
                "/meetings/compliance", "/dues", "/dues/members/sunqi", "/admissions", "/cases/new",
                "/cases/new?process=meeting-record"));
        pages.put("zhengshi", List.of("/tasks?scope=done", "/cases/" + complaint, "/complaints/" + complaint));
        pages.put("zhaoliu", List.of("/cases/mine", "/cases/" + report, "/me/dues", "/tasks"));
        pages.put("wangwu", List.of("/me/admission", "/cases/" + admission));
        pages.put("xuqiang", List.of("/complaints/dashboard", "/complaints/" + complaint, "/tasks?scope=done"));
        pages.put("yangfan", List.of("/dashboard", "/meetings/compliance", "/complaints/dashboard"));
        pages.put("huangli", List.of("/audit/search", "/audit/search?q=%E4%BA%95%E7%9B%96",
                "/audit/cases/" + report, "/audit/cases/" + complaint,
                "/audit/cases/" + transfer, "/audit/reads"));
        pages.put("heming", List.of("/tasks", "/dashboard"));
        return pages;
    }

    @Test
    void noPageShowsAnInternalCode() throws Exception {
        List<String> leaks = new ArrayList<>();
        int read = 0;
        for (String lang : List.of("zh-CN", "en")) {
            for (var e : walk().entrySet()) {
                Browserless b = signedIn(e.getKey());
                for (String path : e.getValue()) {
                    HttpResponse<String> r = b.get(path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
                    if (r.statusCode() != 200) {
                        leaks.add(lang + " " + e.getKey() + " " + path + ": status " + r.statusCode());
                        continue;
                    }
                    read++;
                    scan.codes(CodeScan.visible(r.body()), lang.startsWith("zh"))
                            .forEach(c -> leaks.add(lang + " " + e.getKey() + " " + path + ": " + c));
                }
            }
            Browserless anonymous = new Browserless(port);
            for (String path : List.of("/public/complaints", "/public/complaints/" + complaintCode)) {
                HttpResponse<String> r = anonymous.get(path + "?lang=" + lang);
                if (r.statusCode() != 200) {
                    leaks.add(lang + " " + path + ": status " + r.statusCode());
                    continue;
                }
                read++;
                scan.codes(CodeScan.visible(r.body()), lang.startsWith("zh")).forEach(c -> leaks.add(lang + " " + path + ": " + c));
            }
        }
        assertThat(leaks).as("internal codes on %d pages", read).isEmpty();
    }

    @Test
    void noDocumentShowsAnInternalCode() throws Exception {
        Map<String, String> documents = new LinkedHashMap<>();
        documents.put("/api/cases/" + report + "/dossier.pdf", "zhangsan");
        documents.put("/api/cases/" + complaint + "/dossier.pdf", "zhengshi");
        documents.put("/api/cases/" + transfer + "/dossier.pdf", "zhangsan");
        documents.put("/api/cases/" + meeting + "/dossier.pdf", "zhangsan");
        documents.put("/api/cases/" + admission + "/dossier.pdf", "zhangsan");
        documents.put("/api/cases/" + transfer + "/letter.pdf", "zhangsan");
        documents.put("/api/cases/" + meeting + "/minutes.pdf", "zhangsan");
        documents.put("/api/cases/" + complaint + "/closure.pdf", "zhengshi");
        documents.put("/api/dues/payments/" + receipt + "/receipt.pdf", "sunqi");
        List<String> leaks = new ArrayList<>();
        for (var d : documents.entrySet()) {
            HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + d.getKey()))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            (d.getValue() + ":" + DEMO).getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (pdf.statusCode() != 200) {
                leaks.add(d.getKey() + ": status " + pdf.statusCode());
                continue;
            }
            String text;
            try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
                text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            }
            assertThat(text).as(d.getKey()).isNotBlank();
            scan.codes(withoutHashes(text), true).forEach(c -> leaks.add(d.getKey() + ": " + c));
            String code = pdf.headers().firstValue("X-Verification-Code")
                    .or(() -> pdf.headers().firstValue("X-Document-Code")).orElse(null);
            if (code != null) {
                HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/public/verify/" + code)).header("Accept", "text/html").build(),
                        HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() != 200) {
                    leaks.add("verify page of " + d.getKey() + ": status " + page.statusCode());
                }
                scan.codes(withoutHashes(CodeScan.visible(page.body())), true)
                        .forEach(c -> leaks.add("verify page of " + d.getKey() + ": " + c));
            }
        }
        assertThat(leaks).as("internal codes in %d documents", documents.size()).isEmpty();
    }

    @Test
    void everyRecordedActionIsInTheVocabulary() {
        List<String> recorded = jdbc.sql("select distinct action from audit_event").query(String.class).list();
        assertThat(recorded).as("the demo run records many kinds of event").hasSizeGreaterThan(10);
        assertThat(recorded).allSatisfy(a -> assertThat(AuditAction.find(a)).as(a).isNotNull());
    }

    /** A dossier's audit section prints each event's hash: hex, not a code, but it may hold an uppercase-free UUID-like run. */
    private static String withoutHashes(String text) {
        return text.replaceAll("\\b[0-9a-f]{16,}\\b", " ");
    }
}
