package cn.xianfeng.portal;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases of the reliability tests' own (made in signed-in sessions: HTTP Basic costs a BCrypt check per call), in the demo branch C01-T1-B1, so the demo's cases stay as other tests expect. */
final class Fixtures {

    static final String DEMO = "demo-2026";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A 情况报告 by a member of C01-T1-B1; its first step waits for the branch secretary zhangsan. */
    static String startReport(int port, String member, String subject) throws Exception {
        HttpResponse<String> r = BadInputCorpus.inSession(port, member, "POST", "/api/cases",
                "{\"process\":\"report\",\"subject\":\"" + subject + "\",\"data\":{\"title\":\"学习情况\","
                        + "\"content\":\"已完成\",\"reportDate\":\"2020-01-02\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return field(r.body(), "id");
    }

    static String firstTask(int port, String caseId) throws Exception {
        return field(BadInputCorpus.inSession(port, "heming", "GET", "/api/cases/" + caseId, null).body(), "taskId");
    }

    /**
     * A report by zhaoliu approved by zhangsan with {@code comment}; returns the case id once search finds the
     * approval's own audit event by {@code phrase}. That document comes last: the case's document may carry the comment
     * first, while the indexer's cursor waits behind the test server's oldest open write transaction (any database's).
     * The secretary waits, whose searches are not audited.
     */
    static String approvedReportWithComment(int port, String subject, String comment, String phrase) throws Exception {
        String caseId = startReport(port, "zhaoliu", subject);
        HttpResponse<String> done = Browserless.api(port, "POST", "/api/tasks/" + firstTask(port, caseId) + "/complete",
                "zhangsan", DEMO, JSON.writeValueAsString(Map.of("data", Map.of("decision", "APPROVE"), "comment", comment)));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        cn.xianfeng.testing.Await.until("search finds the audit event with " + phrase, () -> JSON.readTree(
                Browserless.api(port, "GET", "/api/search?kind=AUDIT&q=" + URLEncoder.encode(phrase, StandardCharsets.UTF_8),
                        "zhangsan", DEMO, null).body()).get("total").asLong(), n -> n > 0);
        return caseId;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
