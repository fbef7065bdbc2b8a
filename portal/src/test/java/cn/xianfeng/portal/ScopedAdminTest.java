package cn.xianfeng.portal;

import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 7: an ADMIN role reaches its org's subtree only. An ADMIN of another county, or of a mere branch,
 * cannot read this county's auditor read log, rebuild the index, run retention or move the clock; those global
 * operations belong to the bootstrap superuser. The county's own ADMIN reads its people's read logs.
 */
@TrustPortalTest
class ScopedAdminTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired Orgs orgs;
    @Autowired People people;

    @BeforeEach
    void adminsElsewhere() {
        if (people.find("faradmin").isPresent()) {
            return;
        }
        if (orgs.find("C08").isEmpty()) {
            orgs.create(new NewOrg("C08", "青林县委", OrgType.COMMITTEE, null), "admin");
        }
        people.createDemoAccount(new NewPerson("faradmin", "外县管理员", LocalDate.of(1980, 1, 1), "C08",
                MemberStatus.FULL, LocalDate.of(2005, 7, 1), Fixtures.DEMO), "admin");
        people.grant("faradmin", Role.ADMIN, "C08", "admin");
        people.createDemoAccount(new NewPerson("branchadmin", "支部管理员", LocalDate.of(1980, 1, 1), "C01-T1-B2",
                MemberStatus.FULL, LocalDate.of(2005, 7, 1), Fixtures.DEMO), "admin");
        people.grant("branchadmin", Role.ADMIN, "C01-T1-B2", "admin");
    }

    @Test
    void globalOperationsBelongToTheSuperuserNotToAnAdminOfSomeOrg() throws Exception {
        // the auditor reads something, so that the log has a row with a source address
        assertThat(call("huangli", "GET", "/api/search?q=学习").statusCode()).isEqualTo(200);
        for (String admin : new String[]{"faradmin", "branchadmin", "heming"}) {
            assertThat(call(admin, "GET", "/api/admin/clock").statusCode()).as(admin + " reads the clock").isEqualTo(403);
            assertThat(call(admin, "POST", "/api/admin/clock", "{\"now\":\"2030-01-01T00:00:00+08:00\"}").statusCode())
                    .as(admin + " moves the clock").isEqualTo(403);
            assertThat(call(admin, "DELETE", "/api/admin/clock").statusCode()).isEqualTo(403);
            assertThat(call(admin, "POST", "/api/admin/search/reindex").statusCode()).as(admin + " reindexes").isEqualTo(403);
            assertThat(call(admin, "POST", "/api/admin/retention/run").statusCode()).as(admin + " retention").isEqualTo(403);
            assertThat(call(admin, "GET", "/api/admin/retention").statusCode()).isEqualTo(403);
        }
        for (String outsider : new String[]{"faradmin", "branchadmin"}) {
            assertThat(call(outsider, "GET", "/api/audit/reads?actor=huangli").statusCode())
                    .as(outsider + " reads the county auditor's log").isEqualTo(403);
            JsonNode own = JSON.readTree(call(outsider, "GET", "/api/audit/reads?size=200").body());
            own.get("items").forEach(r -> assertThat(r.get("actor").asText()).isEqualTo(outsider));
        }
        JsonNode county = JSON.readTree(call("heming", "GET", "/api/audit/reads?actor=huangli&size=200").body());
        assertThat(county.get("total").asLong()).as("the county's ADMIN reads its auditor's log").isPositive();
        assertThat(call("heming", "GET", "/api/audit/reads?actor=farmember").statusCode()).isEqualTo(403);

        assertThat(call("admin", "GET", "/api/admin/clock").statusCode()).isEqualTo(200);
        assertThat(call("admin", "GET", "/api/admin/retention").statusCode()).isEqualTo(200);
        JsonNode all = JSON.readTree(call("admin", "GET", "/api/audit/reads?size=200").body());
        assertThat(all.get("items").findValuesAsText("actor")).contains("huangli");

        Browserless page = new Browserless(port);
        page.login("heming", Fixtures.DEMO);
        assertThat(page.get("/tasks").body()).doesNotContain("href=\"/admin/search\"");
        assertThat(page.get("/admin/search").statusCode()).isEqualTo(403);
        Browserless superuser = new Browserless(port);
        superuser.login("admin", TrustPortalTest.ADMIN_PASSWORD);
        assertThat(superuser.get("/tasks").body()).contains("href=\"/admin/search\"");
    }

    private HttpResponse<String> call(String user, String method, String path) throws Exception {
        return call(user, method, path, null);
    }

    private HttpResponse<String> call(String user, String method, String path, String json) throws Exception {
        return Browserless.api(port, method, path, user, "admin".equals(user) ? TrustPortalTest.ADMIN_PASSWORD
                : Fixtures.DEMO, json);
    }
}
