package cn.xianfeng.portal;

import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pickers' lookups over HTTP with the demo county, as each position of the authorization matrix: a member of
 * 城关社区党支部 is found by name and pinyin by those whose scope holds him, and by nobody else; branches anywhere
 * only as transfer destinations; the page twin answers HTML with everything escaped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "xianfeng.demo-password=demo-2026")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class LookupApiTest {

    @LocalServerPort
    int port;
    @Autowired
    Orgs orgs;
    @Autowired
    People people;

    private HttpResponse<String> get(String user, String path) throws Exception {
        return Browserless.api(port, "GET", path, user, Fixtures.DEMO, null);
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void lookupsNeverRevealPeopleOrOrgsOutsideTheViewersScope() throws Exception {
        if (orgs.find("C07").isEmpty()) {
            orgs.create(new NewOrg("C07", "远山县委", OrgType.COMMITTEE, null), "admin");
            orgs.create(new NewOrg("C07-B1", "远山第一党支部", OrgType.BRANCH, "C07"), "admin");
            people.createDemoAccount(new NewPerson("farsec", "远山书记", LocalDate.of(1980, 1, 1), "C07-B1", MemberStatus.FULL,
                    LocalDate.of(2005, 7, 1), Fixtures.DEMO), "admin");
            people.grant("farsec", Role.SECRETARY, "C07-B1", "admin");
        }
        // who finds 赵六 (zhaoliu, 城关社区第一党小组) by his name, his initials and his username
        Map<String, Boolean> seesZhaoliu = new LinkedHashMap<>();
        seesZhaoliu.put("zhaoliu", true);    // his own branch
        seesZhaoliu.put("zhangsan", true);   // his branch's secretary
        seesZhaoliu.put("wujiu", false);     // a sibling branch's secretary
        seesZhaoliu.put("chenyi", true);     // the township's reviewer
        seesZhaoliu.put("huangli", true);    // the county's auditor
        seesZhaoliu.put("farsec", false);    // another county
        seesZhaoliu.put("heming", true);     // the county's administrator
        for (var who : seesZhaoliu.entrySet()) {
            for (String query : new String[]{"赵六", "zl", "zhaoliu"}) {
                HttpResponse<String> r = get(who.getKey(), "/api/lookup/people?q=" + q(query));
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body().contains("\"username\":\"zhaoliu\"")).as(who.getKey() + " looking for " + query)
                        .isEqualTo(who.getValue());
            }
            HttpResponse<String> orgsSeen = get(who.getKey(), "/api/lookup/orgs?q=" + q("城关社区"));
            assertThat(orgsSeen.body().contains("\"code\":\"C01-T1-B1\"")).as(who.getKey() + " looking for 城关社区")
                    .isEqualTo(who.getValue());
        }
        assertThat(get("zhangsan", "/api/lookup/people?q=zl").body())
                .contains("{\"username\":\"zhaoliu\",\"name\":\"赵六\",\"org\":\"城关社区第一党小组\",\"orgCode\":\"C01-T1-B1-G1\"}");
        assertThat(get("zhangsan", "/api/lookup/orgs?q=cgsq").body()).contains("\"code\":\"C01-T1-B1\"")
                .contains("\"name\":\"城关社区党支部\"").contains("\"org\":\"城关镇党委\"").contains("\"type\":\"BRANCH\"");
        // transfer destinations: any branch, of any county, never a committee, a group or a person
        String anywhere = get("zhangsan", "/api/lookup/orgs?q=" + q("远山") + "&type=BRANCH&scope=all").body();
        assertThat(anywhere).contains("\"code\":\"C07-B1\"").doesNotContain("\"code\":\"C07\"");
        assertThat(get("zhangsan", "/api/lookup/orgs?q=" + q("远山") + "&type=COMMITTEE&scope=all").body()).isEqualTo("[]");
        assertThat(get("zhangsan", "/api/lookup/people?q=" + q("远山")).body()).isEqualTo("[]");
        // bounded: at most 20 answers, at most 32 characters asked, named errors
        assertThat(get("heming", "/api/lookup/people?q=").body().split("\"username\"")).hasSizeLessThanOrEqualTo(21);
        HttpResponse<String> tooLong = get("zhangsan", "/api/lookup/people?q=" + "z".repeat(33));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("\"field\":\"q\"");
        assertThat(get(null, "/api/lookup/people?q=zl").statusCode()).isEqualTo(401);
    }

    @Test
    void thePageTwinAnswersOptionsAsEscapedHtml() throws Exception {
        Browserless page = new Browserless(port);
        page.login("zhangsan", Fixtures.DEMO);
        String options = page.get("/lookup/people?" + q("_pick.host") + "=zl").body();
        assertThat(options).contains("data-value=\"zhaoliu\"").contains("赵六").contains("城关社区第一党小组")
                .doesNotContain("<html");
        assertThat(page.get("/lookup/orgs?q=" + q("<script>")).body()).doesNotContain("<script>")
                .contains("没有找到");
        assertThat(page.get("/lookup/orgs?type=PARTY&q=cg").body()).contains("请输入较短的");
    }

    @Test
    void theAuditSearchTakesTheActorByNameAndOffersActionsByLabel() throws Exception {
        Browserless auditor = new Browserless(port);
        auditor.login("huangli", Fixtures.DEMO);
        String byName = auditor.get("/audit/search?" + q("_pick.actor") + "=" + q("张三")).body();
        assertThat(byName).containsPattern("name=\"actor\"\\s+value=\"zhangsan\"").doesNotContain("未找到")
                .contains("<option value=\"TASK_COMPLETED\">办结任务</option>");
        assertThat(auditor.get("/audit/search?" + q("_pick.actor") + "=" + q("无此人")).body()).contains("未找到“无此人”");
        // an action the select does not list shows a label, never its code
        assertThat(auditor.get("/audit/search?action=NO_SUCH_ACTION").body()).contains("其他动作")
                .doesNotContain(">NO_SUCH_ACTION<");
    }
}
