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
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 3: a branch secretary cannot approve their own cases at committee level. The attack over HTTP —
 * a committee under their own branch, puppet accounts with any status, COMMITTEE_REVIEWER for a puppet — is refused
 * and stores nothing, while the legitimate paths (a group in their branch, an applicant's account, a branch committee
 * member from their branch; members registered by the organization department) still work. Item 16: what a caller
 * cannot see answers exactly like what does not exist.
 */
@TrustPortalTest
class OrgLadderTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired Orgs orgs;
    @Autowired People people;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void anotherCounty() {
        if (orgs.find("C09").isPresent()) {
            return;
        }
        orgs.create(new NewOrg("C09", "远山县委", OrgType.COMMITTEE, null), "admin");
        orgs.create(new NewOrg("C09-B1", "远山第一党支部", OrgType.BRANCH, "C09"), "admin");
        people.createDemoAccount(new NewPerson("farmember", "远山党员", LocalDate.of(1980, 1, 1), "C09-B1",
                MemberStatus.FULL, LocalDate.of(2005, 7, 1), Fixtures.DEMO), "admin");
    }

    @Test
    void theSecretarysPuppetCommitteeAccountsAndGrantAreRefusedAndNothingIsStored() throws Exception {
        // 1. a committee (or a branch) under their own branch: the tree's shape forbids it
        for (String type : new String[]{"COMMITTEE", "GENERAL_BRANCH", "BRANCH"}) {
            HttpResponse<String> org = post("zhangsan", "/api/orgs", Map.of("code", "C01-T1-B1-PUPPET-" + type,
                    "name", "傀儡", "type", type, "parentCode", "C01-T1-B1"));
            assertThat(org.statusCode()).as(type).isEqualTo(400);
            assertThat(fields(org)).containsExactly("type");
        }
        // 2. puppets with a status beyond applicant: only the organization department or an administrator registers them
        for (String status : new String[]{"FULL", "PROBATIONARY", "CANDIDATE", "ACTIVIST"}) {
            HttpResponse<String> puppet = post("zhangsan", "/api/people", person("puppet-" + status.toLowerCase(), status));
            assertThat(puppet.statusCode()).as(status).isEqualTo(403);
        }
        // 3. a committee reviewer (or any role above the secretary's level) for anyone, even a real full member
        for (String role : new String[]{"COMMITTEE_REVIEWER", "ORG_DEPARTMENT", "AUDITOR", "DISPATCHER", "ADMIN"}) {
            assertThat(post("zhangsan", "/api/people/sunqi/roles", Map.of("role", role, "orgCode", "C01-T1-B1"))
                    .statusCode()).as(role).isEqualTo(403);
        }
        // 4. an applicant-puppet (allowed: it is an applicant's account) gets no office at all
        assertThat(post("zhangsan", "/api/people", person("puppet-applicant", "APPLICANT")).statusCode()).isEqualTo(201);
        HttpResponse<String> office = post("zhangsan", "/api/people/puppet-applicant/roles",
                Map.of("role", "BRANCH_COMMITTEE", "orgCode", "C01-T1-B1"));
        assertThat(office.statusCode()).isEqualTo(400);
        assertThat(fields(office)).containsExactly("username");

        assertThat(count("select count(*) from org_unit where code like 'C01-T1-B1-PUPPET%'")).isZero();
        assertThat(count("select count(*) from person where username like 'puppet-%' and username <> 'puppet-applicant'"))
                .isZero();
        assertThat(count("select count(*) from role_assignment where username in ('sunqi', 'puppet-applicant')")).isZero();
        assertThat(jdbc.sql("select status from person where username = 'puppet-applicant'").query(String.class).single())
                .isEqualTo("APPLICANT");
        assertThat(jdbc.sql("select action from audit_event where data::text ilike '%puppet%'").query(String.class).list())
                .as("only the applicant's account was recorded").containsExactly("PERSON_CREATED");
        // and the steps routed "to the committee above" still reach the township's real reviewer
        assertThat(jdbc.sql("select code from org_unit where code = 'C01-T1-B1'").query(String.class).list()).hasSize(1);
        assertThat(count("select count(*) from role_assignment where role = 'COMMITTEE_REVIEWER' and org_code like 'C01-T1-B1%'"))
                .isZero();
    }

    @Test
    void theLegitimatePathsStillWork() throws Exception {
        assertThat(post("zhangsan", "/api/orgs", Map.of("code", "C01-T1-B1-G7", "name", "第七党小组", "type", "GROUP",
                "parentCode", "C01-T1-B1")).statusCode()).as("a group in the secretary's branch").isEqualTo(201);
        assertThat(post("yangfan", "/api/orgs", Map.of("code", "C01-T3", "name", "新乡党委", "type", "COMMITTEE",
                "parentCode", "C01")).statusCode()).as("a township committee by the county's organization department")
                .isEqualTo(201);
        assertThat(post("yangfan", "/api/orgs", Map.of("code", "C01-T3-G1", "name", "小组", "type", "GROUP",
                "parentCode", "C01-T3")).statusCode()).as("a group directly under a committee: not a tree shape")
                .isEqualTo(400);

        HttpResponse<String> registered = post("yangfan", "/api/people", person("registered-full", "FULL"));
        assertThat(registered.statusCode()).as("the organization department registers an existing member").isEqualTo(201);
        assertThat(jdbc.sql("select action from audit_event where data->>'username' = 'registered-full'")
                .query(String.class).list()).containsExactly("MEMBER_REGISTERED");
        assertThat(jdbc.sql("select to_status from member_status_change where username = 'registered-full'")
                .query(String.class).list()).containsExactly("FULL");

        assertThat(post("zhangsan", "/api/people/registered-full/roles", Map.of("role", "BRANCH_COMMITTEE",
                "orgCode", "C01-T1-B1")).statusCode()).as("a branch committee member: the secretary's own level")
                .isEqualTo(200);
        assertThat(post("yangfan", "/api/people/registered-full/roles", Map.of("role", "COMMITTEE_REVIEWER",
                "orgCode", "C01-T1")).statusCode()).as("a reviewer, by the organization department").isEqualTo(200);
        assertThat(Browserless.api(port, "DELETE", "/api/people/registered-full/roles/COMMITTEE_REVIEWER/C01-T1",
                "zhangsan", Fixtures.DEMO, null).statusCode()).as("revoking above one's level: no").isEqualTo(404);
        assertThat(Browserless.api(port, "DELETE", "/api/people/registered-full/roles/COMMITTEE_REVIEWER/C01-T1",
                "yangfan", Fixtures.DEMO, null).statusCode()).isEqualTo(200);

        HttpResponse<String> outOfCounty = post("admin", "/api/people/farmember/roles",
                Map.of("role", "SECRETARY", "orgCode", "C01-T1-B1"));
        assertThat(outOfCounty.statusCode()).as("even the superuser: roles go to people of the org's county")
                .isEqualTo(400);
    }

    @Test
    void whatACallerCannotSeeAnswersLikeWhatDoesNotExist() throws Exception {
        HttpResponse<String> hidden = post("zhangsan", "/api/people/farmember/roles",
                Map.of("role", "BRANCH_COMMITTEE", "orgCode", "C01-T1-B1"));
        HttpResponse<String> missing = post("zhangsan", "/api/people/nobody-at-all/roles",
                Map.of("role", "BRANCH_COMMITTEE", "orgCode", "C01-T1-B1"));
        assertThat(hidden.statusCode()).isEqualTo(missing.statusCode()).isEqualTo(404);
        assertThat(detailShape(hidden)).isEqualTo(detailShape(missing));
        assertThat(post("zhangsan", "/api/people/sunqi/roles", Map.of("role", "BRANCH_COMMITTEE", "orgCode", "C09-B1"))
                .statusCode()).as("an org of another county").isEqualTo(404);
        assertThat(post("zhangsan", "/api/people/sunqi/roles", Map.of("role", "BRANCH_COMMITTEE", "orgCode", "NO-SUCH"))
                .statusCode()).isEqualTo(404);

        HttpResponse<String> otherCounty = get("zhangsan", "/api/orgs/C09-B1");
        HttpResponse<String> none = get("zhangsan", "/api/orgs/NO-SUCH-ORG");
        assertThat(otherCounty.statusCode()).isEqualTo(none.statusCode()).isEqualTo(404);
        assertThat(get("wujiu", "/api/orgs/C01-T1-B1").statusCode()).as("a sibling branch").isEqualTo(404);
        JsonNode own = JSON.readTree(get("zhaoliu", "/api/orgs/C01-T1").body());
        assertThat(own.get("code").asText()).as("a member sees the committees above them").isEqualTo("C01-T1");
        assertThat(JSON.readTree(get("zhaoliu", "/api/orgs/C01-T1").body()).get("children").toString())
                .contains("C01-T1-B1").doesNotContain("C01-T1-B2");
        assertThat(get("farmember", "/api/orgs/C01").statusCode()).isEqualTo(404);
        assertThat(get("huangli", "/api/orgs/C01-T1-B2").statusCode()).as("the county auditor reads the county")
                .isEqualTo(200);
    }

    private static Map<String, String> person(String username, String status) {
        return Map.of("username", username, "name", "傀儡", "orgCode", "C01-T1-B1", "status", status,
                "password", "Puppet-password-1");
    }

    private HttpResponse<String> post(String user, String path, Map<String, String> body) throws Exception {
        return Browserless.api(port, "POST", path, user, password(user), JSON.writeValueAsString(body));
    }

    private HttpResponse<String> get(String user, String path) throws Exception {
        return Browserless.api(port, "GET", path, user, password(user), null);
    }

    private static String password(String user) {
        return "admin".equals(user) ? TrustPortalTest.ADMIN_PASSWORD : Fixtures.DEMO;
    }

    private static java.util.List<String> fields(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).get("errors").findValuesAsText("field");
    }

    /** The refusal with the name taken out: the same words for a hidden person and a missing one. */
    private static String detailShape(HttpResponse<String> r) throws Exception {
        JsonNode body = JSON.readTree(r.body());
        return body.get("detail").asText().replaceAll("：.*", "") + "|" + body.get("title").asText();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
