package cn.xianfeng.portal;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Cases of the reliability tests' own (made in signed-in sessions: HTTP Basic costs a BCrypt check per call), in the demo branch C01-T1-B1, so the demo's cases stay as other tests expect. */
final class Fixtures {

    static final String DEMO = "demo-2026";

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

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
