package cn.xianfeng.portal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 item 9 and the honeypot of item 16, over HTTP: the tracking code is the complainant's only credential.
 * Staff (the dispatcher included) see a hint of it and nothing they could evaluate with; it is not kept in plain
 * text anywhere (process variables, audit trail, the closure report). A bot that filled the honeypot field gets a
 * code of the same form, after about as long, that follows and refuses evaluation like a real complaint.
 */
class ComplaintCredentialTest extends TimedPortal {

    static final String INTAKE = "{\"category\":\"COMMUNITY_SERVICE\",\"title\":\"路灯不亮\",\"content\":\"东门路灯坏了\","
            + "\"anonymous\":false,\"contactName\":\"李大爷\",\"contactPhone\":\"13712341234\"%s}";
    static final String CODE = "TS[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{10}";

    private String caseOf(String code) {
        return jdbc.sql("select case_id from complaint where tracking_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')")
                .param(code).query(String.class).single();
    }

    private String intake(String honeypot) throws Exception {
        HttpResponse<String> r = api("POST", "/api/public/complaints", null,
                INTAKE.formatted(honeypot == null ? "" : ",\"website\":\"" + honeypot + "\""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(JSON.readTree(r.body()).fieldNames()).toIterable().containsExactly("trackingCode");
        return JSON.readTree(r.body()).get("trackingCode").asText();
    }

    @Test
    void theDispatcherSeesOnlyAHintAndCannotEvaluateForTheCitizen() throws Exception {
        jdbc.sql("delete from complaint_intake where address = '127.0.0.1'").update();
        String code = intake(null);
        assertThat(code).matches(CODE);
        String caseId = caseOf(code);

        for (String staff : List.of("xuqiang", "huangli", "heming")) {
            HttpResponse<String> view = api("GET", "/api/complaints/" + caseId, staff, null);
            assertThat(view.statusCode()).as(staff).isEqualTo(200);
            assertThat(view.body()).as(staff).doesNotContain(code);
            assertThat(JSON.readTree(view.body()).get("trackingHint").asText()).isEqualTo("TS******" + code.substring(8));
            for (String path : List.of("/api/cases/" + caseId, "/api/cases/" + caseId + "/history")) {
                assertThat(api("GET", path, staff, null).body()).as(staff + " " + path).doesNotContain(code);
            }
        }
        assertThat(signedIn("xuqiang").get("/complaints/" + caseId).body()).doesNotContain(code)
                .contains("TS******" + code.substring(8));
        String hint = "TS******" + code.substring(8);
        HttpResponse<String> guessed = api("POST", "/api/public/complaints/" + hint + "/evaluation", null,
                "{\"rating\":\"SATISFIED\"}");
        assertThat(guessed.statusCode()).as("the hint is no credential").isEqualTo(404);

        assertThat(jdbc.sql("select count(*) from act_ru_variable where text_ = ?").param(code).query(Long.class).single()
                + jdbc.sql("select count(*) from act_hi_varinst where text_ = ?").param(code).query(Long.class).single()
                + jdbc.sql("select count(*) from audit_event where data::text like ?").param("%" + code + "%")
                .query(Long.class).single()
                + jdbc.sql("select count(*) from complaint c where row(c.*)::text like ?").param("%" + code + "%")
                .query(Long.class).single())
                .as("the code is kept nowhere in plain text").isZero();

        // the citizen, holding the code, follows and (once replied) evaluates; the trail shows the public actor
        assertThat(api("GET", "/api/public/complaints/" + code, null, null).body()).contains("已受理");
        complete(caseId, "dispatch", "xuqiang", Map.of("handlerOrg", "C01-T1-B1"));
        complete(caseId, "respond", "zhangsan", Map.of("response", "已联系"));
        complete(caseId, "handle", "zhangsan", Map.of("result", "RESOLVED", "handling", "已修复"));
        complete(caseId, "reply", "zhangsan", Map.of("reply", "路灯已修复"));
        assertThat(api("POST", "/api/public/complaints/" + code.toLowerCase() + "/evaluation", null,
                "{\"rating\":\"SATISFIED\"}").statusCode()).isEqualTo(200);
        var closure = Uploads.get(port, "xuqiang", "/api/cases/" + caseId + "/closure.pdf");
        assertThat(closure.statusCode()).isEqualTo(200);
        assertThat(pdfText(closure.body())).contains(code.substring(8)).doesNotContain(code);
    }

    @Test
    void aHoneypotCodeLooksFollowsAndTakesAsLongAsARealOne() throws Exception {
        jdbc.sql("delete from complaint_intake where address = '127.0.0.1'").update();
        List<Long> real = new ArrayList<>();
        List<Long> decoy = new ArrayList<>();
        String realCode = null;
        String decoyCode = null;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            realCode = intake(null);
            real.add(System.nanoTime() - t);
            t = System.nanoTime();
            decoyCode = intake("http://spam.example");
            decoy.add(System.nanoTime() - t);
            assertThat(decoyCode).matches(CODE);
        }
        assertThat(jdbc.sql("select count(*) from complaint where tracking_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')")
                .param(decoyCode).query(Long.class).single()).as("nothing filed").isZero();

        JsonNode fresh = JSON.readTree(api("GET", "/api/public/complaints/" + realCode, null, null).body());
        HttpResponse<String> followed = api("GET", "/api/public/complaints/" + decoyCode, null, null);
        assertThat(followed.statusCode()).isEqualTo(200);
        JsonNode caught = JSON.readTree(followed.body());
        assertThat(new TreeSet<>(fieldsOf(caught))).isEqualTo(new TreeSet<>(fieldsOf(fresh)));
        assertThat(caught.get("status").asText()).isEqualTo(fresh.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(caught.get("steps").size()).isEqualTo(fresh.get("steps").size());
        assertThat(signedIn("zhangsan").get("/public/complaints/" + decoyCode).statusCode()).isEqualTo(200);

        HttpResponse<String> realEvaluation = api("POST", "/api/public/complaints/" + realCode + "/evaluation", null,
                "{\"rating\":\"SATISFIED\"}");
        HttpResponse<String> decoyEvaluation = api("POST", "/api/public/complaints/" + decoyCode + "/evaluation", null,
                "{\"rating\":\"SATISFIED\"}");
        assertThat(decoyEvaluation.statusCode()).isEqualTo(realEvaluation.statusCode()).isEqualTo(409);
        assertThat(api("GET", "/api/public/complaints/TSAAAAAAAAAA", null, null).statusCode()).isEqualTo(404);

        long realMedian = median(real);
        long decoyMedian = median(decoy);
        assertThat(decoyMedian).as("same timing class: decoy %d ms, real %d ms", decoyMedian / 1_000_000,
                realMedian / 1_000_000).isGreaterThanOrEqualTo(realMedian / 4);
    }

    private static List<String> fieldsOf(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
    }
}
