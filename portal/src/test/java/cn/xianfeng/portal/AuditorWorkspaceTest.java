package cn.xianfeng.portal;

import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import cn.xianfeng.testing.RealPostgresInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The auditor's workspace over real HTTP with the demo county: who may enter (403 for a branch secretary, 404 for
 * a case outside the auditor's county), the read log (each read recorded once, the database refusing to change or
 * delete it, an auditor seeing only their own) and hostile stored text printed escaped on both pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=admin-test-pw"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class AuditorWorkspaceTest {

    static final String DEMO = "demo-2026";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Orgs orgs;
    @Autowired
    People people;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @BeforeEach
    void anAuditorOfAnotherCounty() {
        if (orgs.find("C03").isPresent()) {
            return;
        }
        orgs.create(new NewOrg("C03", "石门县委", OrgType.COMMITTEE, null), "admin");
        people.createDemoAccount(new NewPerson("shimenaudit", "石门审计", LocalDate.of(1975, 3, 1), "C03", MemberStatus.FULL,
                LocalDate.of(2000, 7, 1), DEMO), "admin");
        people.grant("shimenaudit", Role.AUDITOR, "C03", "admin");
    }

    private Browserless signedIn(String user) throws Exception {
        Browserless b = new Browserless(port);
        assertThat(b.login(user, DEMO).statusCode()).isEqualTo(302);
        return b;
    }

    private String approvedReportWithComment(String subject, String comment, String phrase) throws Exception {
        return Fixtures.approvedReportWithComment(port, subject, comment, phrase);
    }

    private List<String> kindsOf(String actor, String caseId) {
        return jdbc.sql("select kind from audit_read where actor = ? and (case_id = ? or case_id is null) order by id")
                .params(actor, caseId).query(String.class).list();
    }

    @Test
    void aBranchSecretaryIsRefusedEveryAuditPage() throws Exception {
        String caseId = Fixtures.startReport(port, "zhaoliu", "书记不可审计");
        Browserless zhangsan = signedIn("zhangsan");
        for (String page : List.of("/audit/search", "/audit/search?q=学习", "/audit/reads", "/audit/cases/" + caseId)) {
            HttpResponse<String> r = zhangsan.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(403);
            Leaks.assertClean(r);
        }
        assertThat(zhangsan.get("/tasks").body()).as("no nav link").doesNotContain("/audit/search");
        assertThat(zhangsan.post("/audit/verify", Map.of()).statusCode()).isEqualTo(403);
        assertThat(zhangsan.post("/audit/cases/" + caseId + "/verify", Map.of()).statusCode()).isEqualTo(403);
        assertThat(Browserless.api(port, "GET", "/api/audit/reads", "zhangsan", DEMO, null).statusCode()).isEqualTo(403);
        assertThat(Browserless.api(port, "GET", "/api/audit/verify?case=" + caseId, "zhangsan", DEMO, null).statusCode())
                .isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from audit_read where actor = 'zhangsan'").query(Long.class).single())
                .as("a secretary's reads are not the auditors' log").isZero();
    }

    @Test
    void anAuditorOfAnotherCountyCannotOpenThisCountysCase() throws Exception {
        String caseId = Fixtures.startReport(port, "zhaoliu", "外县审计不可见");
        Browserless other = signedIn("shimenaudit");
        assertThat(other.get("/audit/search").statusCode()).as("an auditor may search their own county").isEqualTo(200);
        HttpResponse<String> page = other.get("/audit/cases/" + caseId);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).doesNotContain("外县审计不可见");
        assertThat(other.get("/audit/cases/" + caseId + "/documents/NOSUCH").statusCode()).isEqualTo(404);
        assertThat(Browserless.api(port, "GET", "/api/cases/" + caseId + "/dossier.pdf", "shimenaudit", DEMO, null)
                .statusCode()).isEqualTo(404);
        assertThat(Browserless.api(port, "GET", "/api/audit/verify?case=" + caseId, "shimenaudit", DEMO, null)
                .statusCode()).isEqualTo(404);
        assertThat(other.get("/audit/search?q=" + URLEncoder.encode("外县审计不可见", StandardCharsets.UTF_8)).body())
                .doesNotContain(caseId);
        assertThat(signedIn("huangli").get("/audit/cases/no-such-case").statusCode()).isEqualTo(404);
        assertThat(kindsOf("shimenaudit", caseId)).as("refused reads hand out nothing and log nothing")
                .doesNotContain("CASE_VIEWED", "CHAIN_VERIFIED", "DOSSIER_DOWNLOADED");
    }

    @Test
    void eachReadIsLoggedOnceAndTheLogRefusesChange() throws Exception {
        String phrase = "查阅留痕核对" + System.nanoTime() % 100000;
        String caseId = approvedReportWithComment("留痕测试", "意见：" + phrase, phrase);
        Browserless huangli = signedIn("huangli");
        long before = jdbc.sql("select count(*) from audit_read where actor = 'huangli'").query(Long.class).single();

        assertThat(huangli.get("/audit/search?q=" + URLEncoder.encode(phrase, StandardCharsets.UTF_8)).body())
                .contains(caseId);
        assertThat(huangli.get("/audit/cases/" + caseId).statusCode()).isEqualTo(200);
        HttpResponse<String> verified = huangli.post("/audit/cases/" + caseId + "/verify", Map.of());
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.body()).contains("校验通过");
        HttpResponse<String> dossier = Browserless.api(port, "GET", "/api/cases/" + caseId + "/dossier.pdf", "huangli",
                DEMO, null);
        assertThat(dossier.statusCode()).isEqualTo(200);
        String code = dossier.headers().firstValue("X-Verification-Code").orElseThrow();

        List<Map<String, Object>> rows = jdbc.sql("select kind, case_id, detail from audit_read where actor = 'huangli' "
                + "order by id offset ?").param(before).query().listOfRows();
        // one row per request and case: the verification (which shows the case page again) is one read, a CHAIN_VERIFIED
        assertThat(rows).extracting(r -> r.get("kind")).containsExactly("SEARCH", "CASE_VIEWED", "CHAIN_VERIFIED",
                "DOSSIER_DOWNLOADED");
        assertThat(rows.get(0).get("detail").toString()).contains("q=" + phrase);
        assertThat(rows.get(2).get("detail").toString()).startsWith("valid; events=");
        assertThat(rows.get(3)).containsEntry("case_id", caseId).containsEntry("detail", code);

        long id = jdbc.sql("select max(id) from audit_read where actor = 'huangli'").query(Long.class).single();
        assertThatThrownBy(() -> jdbc.sql("update audit_read set detail = 'nothing' where id = ?").param(id).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_read where id = ?").param(id).update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_read").update()).isInstanceOf(DataAccessException.class);
        assertThat(jdbc.sql("select detail from audit_read where id = ?").param(id).query(String.class).single())
                .isEqualTo(code);

        JsonNode mine = JSON.readTree(Browserless.api(port, "GET", "/api/audit/reads?size=200", "huangli", DEMO, null).body());
        assertThat(mine.get("total").asLong()).isEqualTo(before + 4);
        mine.get("items").forEach(r -> assertThat(r.get("actor").asText()).isEqualTo("huangli"));
        assertThat(Browserless.api(port, "GET", "/api/audit/reads?actor=zhangsan", "huangli", DEMO, null).statusCode())
                .as("an auditor reads only their own log").isEqualTo(403);
        JsonNode asAdmin = JSON.readTree(Browserless.api(port, "GET", "/api/audit/reads?actor=huangli&from="
                + LocalDate.now().minusDays(1) + "&to=" + LocalDate.now().plusDays(1), "heming", DEMO, null).body());
        assertThat(asAdmin.get("total").asLong()).isEqualTo(before + 4);
        assertThat(JSON.readTree(Browserless.api(port, "GET", "/api/audit/reads?actor=huangli&to=2000-01-01", "heming",
                DEMO, null).body()).get("total").asLong()).isZero();
        assertThat(huangli.get("/audit/reads").body()).contains("导出案卷").contains(code).contains("校验本案审计链");
    }

    @Test
    void hostileStoredTextIsPrintedAsText() throws Exception {
        String phrase = "恶意脚本核查" + System.nanoTime() % 100000;
        // within the excerpt's 30 characters after the match, and a stored "</em>" that must not end the mark
        String hostile = phrase + "</em><script>x</script><b>粗";
        String caseId = approvedReportWithComment("<i>斜体标题</i>", hostile, phrase);
        Browserless huangli = signedIn("huangli");

        String search = huangli.get("/audit/search?q=" + URLEncoder.encode(phrase, StandardCharsets.UTF_8)).body();
        assertThat(search).contains(caseId).contains("<mark>" + phrase + "</mark>")
                .contains("&lt;/em&gt;&lt;script&gt;x&lt;/script&gt;&lt;b&gt;粗")
                .doesNotContain("<script>x").doesNotContain("<b>粗").doesNotContain("<i>斜体标题</i>")
                .contains("&lt;i&gt;斜体标题&lt;/i&gt;");

        String explorer = huangli.get("/audit/cases/" + caseId).body();
        assertThat(explorer).contains(phrase).doesNotContain("<script>x").doesNotContain("<b>粗")
                .doesNotContain("<i>斜体标题</i>").contains("&lt;/em&gt;&lt;script&gt;x&lt;/script&gt;");
        assertThat(explorer).as("read-only: no action forms or task links")
                .doesNotContain("/tasks/").doesNotContain("/withdraw").doesNotContain("/copy").doesNotContain("/remind");
    }

    @Test
    void aTamperedChainShowsItsFirstBrokenEvent() throws Exception {
        String caseId = Fixtures.startReport(port, "zhaoliu", "篡改检测");
        long id = jdbc.sql("select min(id) from audit_event where chain = ?").param(caseId).query(Long.class).single();
        Browserless huangli = signedIn("huangli");
        assertThat(huangli.get("/audit/cases/" + caseId).body()).contains("校验通过");
        try {
            tamper("update audit_event set comment = '事后补写' where id = " + id);
            String page = huangli.post("/audit/cases/" + caseId + "/verify", Map.of()).body();
            assertThat(page).contains("校验未通过：首个异常事件 #" + id + "（哈希不符）").doesNotContain("校验通过");
            JsonNode api = JSON.readTree(Browserless.api(port, "GET", "/api/audit/verify?case=" + caseId, "huangli", DEMO,
                    null).body());
            assertThat(api.get("valid").asBoolean()).isFalse();
            assertThat(api.get("firstBroken").get("id").asLong()).isEqualTo(id);
        } finally {
            tamper("update audit_event set comment = null where id = " + id);
        }
        assertThat(huangli.post("/audit/cases/" + caseId + "/verify", Map.of()).body()).contains("校验通过");
    }

    /** What only a database superuser can do: change a row behind the append-only triggers, committed. */
    private void tamper(String sql) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("set local session_replication_role = replica").update();
            jdbc.sql(sql).update();
        });
    }

    @Test
    void aLongQueryIsRefusedOnThePageAndAnUnknownReadsFilterIs400() throws Exception {
        Browserless huangli = signedIn("huangli");
        HttpResponse<String> r = huangli.get("/audit/search?q=" + "长".repeat(201));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("200");
        assertThat(Browserless.api(port, "GET", "/api/audit/reads?from=yesterday", "huangli", DEMO, null).statusCode())
                .isEqualTo(400);
    }

    @Test
    void theKindFilterSplitsTheHitsIntoCasesTasksAndEventsAndAnUnknownKindIs400() throws Exception {
        String phrase = "类型筛选核对" + System.nanoTime() % 100000;
        approvedReportWithComment("类型筛选", "意见：" + phrase, phrase);
        Browserless huangli = signedIn("huangli");
        String q = "/audit/search?q=" + URLEncoder.encode(phrase, StandardCharsets.UTF_8);
        long all = total(huangli.get(q).body());
        long cases = total(huangli.get(q + "&kind=CASE").body());
        long tasks = total(huangli.get(q + "&kind=TASK").body());
        long events = total(huangli.get(q + "&kind=AUDIT").body());
        assertThat(cases).isPositive();
        assertThat(events).isPositive();
        assertThat(cases + tasks + events).isEqualTo(all);
        assertThat(huangli.get(q + "&kind=AUDIT").body()).contains("kind=AUDIT");
        assertThat(huangli.get(q + "&kind=BOGUS").statusCode()).isEqualTo(400);
    }

    private static long total(String page) {
        var m = java.util.regex.Pattern.compile("id=\"search-total\"[^>]*>共 (\\d+) 条").matcher(page);
        assertThat(m.find()).as("the page states a total").isTrue();
        return Long.parseLong(m.group(1));
    }
}
