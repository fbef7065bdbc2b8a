package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated corpus of malformed and hostile input against every JSON endpoint and both upload endpoints
 * (-Dxianfeng.badinput, 2,000 requests by default; the full count is -Dxianfeng.badinput=10000): no 5xx,
 * no stack trace or SQL in any body, and a refused request stores nothing (case_record, attachment, audit_event
 * are counted around every refused request). A stored {@code <script>} renders escaped on the case page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "xianfeng.demo-password=demo-2026")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class BadInputTest {

    static final int REQUESTS = Integer.getInteger("xianfeng.badinput", 2000);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void hostileInputIsRefusedCleanlyAndStoresNothing() throws Exception {
        List<BadInputCorpus.Attempt> corpus = BadInputCorpus.generate(REQUESTS);
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(REQUESTS);
        Map<String, String> current = new java.util.HashMap<>();
        renew(current);
        int refused = 0;
        int accepted = 0;
        for (BadInputCorpus.Attempt a : corpus) {
            List<Long> before = counts();
            HttpResponse<String> r = a.send(port, current.get("case"), current.get("task"));
            Leaks.assertClean(r, a.describe());
            if (r.statusCode() >= 400) {
                refused++;
                assertThat(counts()).as("%s %s stored something although refused with %d: %s", a.method(), a.path(),
                        r.statusCode(), a.describe()).isEqualTo(before);
            } else {
                accepted++;
                if (a.path().contains("{task}") || a.path().contains("{case}")) {
                    renew(current); // the case may have moved on; the next attempts get a fresh one
                }
                if (a.upload()) {
                    assertThat(Fixtures.field(r.body(), "name")).doesNotContain("/").doesNotContain("\\")
                            .doesNotContain("\u0000");
                }
            }
        }
        System.out.printf("bad input: %d requests, %d refused, %d accepted, 0 5xx%n", corpus.size(), refused, accepted);
    }

    @Test
    void aStoredScriptRendersEscapedOnTheCasePage() throws Exception {
        String payload = "<script>alert('xf')</script><img src=x onerror=alert(1)>";
        HttpResponse<String> r = Browserless.api(port, "POST", "/api/cases", "zhaoliu", Fixtures.DEMO,
                "{\"process\":\"report\",\"subject\":\"" + payload.replace("'", "\\u0027") + "\",\"data\":{\"title\":\""
                        + payload + "\",\"content\":\"" + payload + "\",\"reportDate\":\"2020-01-02\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String caseId = Fixtures.field(r.body(), "id");
        Browserless page = new Browserless(port);
        page.login("zhangsan", Fixtures.DEMO);
        for (String path : List.of("/cases/" + caseId, "/tasks/" + Fixtures.firstTask(port, caseId), "/tasks")) {
            String html = page.get(path).body();
            assertThat(html).as(path).doesNotContain("<script>alert").doesNotContain("<img src=x");
            assertThat(html).as(path).contains("&lt;script&gt;alert");
        }
    }

    private void renew(Map<String, String> current) throws Exception {
        HttpResponse<String> r = BadInputCorpus.inSession(port, "zhaoliu", "POST", "/api/cases",
                "{\"process\":\"report\",\"subject\":\"坏输入\",\"data\":{\"title\":\"学习情况\","
                        + "\"content\":\"已完成\",\"reportDate\":\"2020-01-02\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String caseId = Fixtures.field(r.body(), "id");
        current.put("case", caseId);
        current.put("task", Fixtures.field(BadInputCorpus.inSession(port, "heming", "GET", "/api/cases/" + caseId,
                null).body(), "taskId"));
    }

    private List<Long> counts() {
        List<Long> c = new ArrayList<>();
        for (String table : List.of("case_record", "attachment", "audit_event", "org_unit", "person", "complaint",
                "dues_payment", "dues_declaration")) {
            c.add(jdbc.queryForObject("select count(*) from " + table, Long.class));
        }
        return c;
    }
}
