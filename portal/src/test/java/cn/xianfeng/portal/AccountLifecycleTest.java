package cn.xianfeng.portal;

import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.People;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 11: accounts have a lifecycle. Whoever set a password (the officer creating the account, an
 * officer's reset) knows it, so it is one-time: pages send the person to 修改密码, the API answers a 403 problem, until
 * they choose their own. Passwords follow a policy; people whose membership ended no longer sign in. The demo
 * accounts keep the README's demo password (created by the demo loader, the only exemption).
 */
@TrustPortalTest
class AccountLifecycleTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired People people;
    @Autowired JdbcClient jdbc;

    @Test
    void thePolicyRefusesShortCommonAndUsernamePasswordsAndStoresNothing() throws Exception {
        for (String[] bad : new String[][]{{"pol-a", "11111111"}, {"pol-b", "1234567890"}, {"pol-c", "pol-c-2026-x"},
                {"pol-d", "short-9ch"}, {"pol-e", "qwertyuiop"}, {"pol-f", "aaaaaaaaaaaa"}, {"pol-g", "长".repeat(25)}}) {
            HttpResponse<String> r = create("zhangsan", bad[0], "APPLICANT", bad[1]);
            assertThat(r.statusCode()).as(bad[1]).isEqualTo(400);
            assertThat(field(r, "password")).as(bad[1]).isNotBlank();
            assertThat(people.find(bad[0])).isEmpty();
        }
        assertThat(create("zhangsan", "pol-ok", "APPLICANT", "Long-enough-2026").statusCode()).isEqualTo(201);
        assertThat(Browserless.api(port, "GET", "/api/me", "zhangsan", Fixtures.DEMO, null).statusCode())
                .as("the demo loader's accounts keep the README's demo password").isEqualTo(200);
    }

    @Test
    void aPasswordSetBySomeoneElseMustBeChangedFirstOverTheApi() throws Exception {
        assertThat(create("zhangsan", "onetime-api", "APPLICANT", "Given-by-secretary-1").statusCode()).isEqualTo(201);
        HttpResponse<String> refused = api("onetime-api", "Given-by-secretary-1", "GET", "/api/tasks", null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).get("type").asText()).isEqualTo("/problems/password-change-required");
        assertThat(api("onetime-api", "Given-by-secretary-1", "POST", "/api/cases", "{\"process\":\"report\"}").statusCode())
                .as("no write either").isEqualTo(403);
        assertThat(api("onetime-api", "Given-by-secretary-1", "GET", "/api/me", null).statusCode()).isEqualTo(200);

        HttpResponse<String> wrong = api("onetime-api", "Given-by-secretary-1", "POST", "/api/me/password",
                "{\"currentPassword\":\"not-it\",\"newPassword\":\"onetime-api-99\"}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrong.body()).get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("currentPassword", "newPassword");
        assertThat(api("onetime-api", "Given-by-secretary-1", "POST", "/api/me/password",
                "{\"currentPassword\":\"Given-by-secretary-1\",\"newPassword\":\"My-own-choice-77\"}").statusCode())
                .isEqualTo(204);
        assertThat(api("onetime-api", "Given-by-secretary-1", "GET", "/api/me", null).statusCode())
                .as("the secretary's password is gone").isEqualTo(401);
        assertThat(api("onetime-api", "My-own-choice-77", "GET", "/api/tasks", null).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'PASSWORD_CHANGED' and actor = 'onetime-api'")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_event where data::text like '%My-own-choice-77%'")
                .query(Long.class).single()).as("never the password in the trail").isZero();
    }

    @Test
    void pagesSendAOneTimePasswordToTheChangePageInChineseAndEnglish() throws Exception {
        assertThat(create("zhangsan", "onetime-page", "APPLICANT", "Given-by-secretary-2").statusCode()).isEqualTo(201);
        Browserless page = new Browserless(port);
        page.login("onetime-page", "Given-by-secretary-2");
        HttpResponse<String> tasks = page.get("/tasks");
        assertThat(tasks.statusCode()).isEqualTo(302);
        assertThat(tasks.headers().firstValue("Location").orElse("")).endsWith("/account/password");
        HttpResponse<String> form = page.get("/account/password");
        assertThat(form.body()).contains("修改密码").contains("仅可使用一次");
        assertThat(page.get("/account/password?lang=en").body()).contains("Change password").contains("works only once");
        page.get("/account/password?lang=zh_CN");

        HttpResponse<String> mismatch = page.post("/account/password", Map.of("currentPassword", "Given-by-secretary-2",
                "newPassword", "Page-choice-2026", "confirmPassword", "Page-choice-2027"));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("两次输入的新密码不一致");
        assertThat(page.get("/tasks").statusCode()).as("still held").isEqualTo(302);
        HttpResponse<String> changed = page.post("/account/password", Map.of("currentPassword", "Given-by-secretary-2",
                "newPassword", "Page-choice-2026", "confirmPassword", "Page-choice-2026"));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(page.get("/tasks").statusCode()).as("the same session goes on").isEqualTo(200);
        assertThat(page.get("/account/password").body()).contains("密码已修改");
    }

    @Test
    void anOfficerResetsToAOneTimePasswordOnlyForPeopleTheyOutrank() throws Exception {
        assertThat(create("yangfan", "reset-me", "FULL", "First-password-1").statusCode()).isEqualTo(201);
        HttpResponse<String> reset = api("zhangsan", Fixtures.DEMO, "POST", "/api/people/reset-me/password-reset", null);
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.headers().firstValue("Cache-Control")).contains("no-store");
        String oneTime = JSON.readTree(reset.body()).get("oneTimePassword").asText();
        assertThat(oneTime).hasSizeGreaterThanOrEqualTo(10);
        assertThat(api("reset-me", "First-password-1", "GET", "/api/me", null).statusCode()).isEqualTo(401);
        assertThat(api("reset-me", oneTime, "GET", "/api/tasks", null).statusCode()).as("one-time: change first")
                .isEqualTo(403);
        assertThat(api("reset-me", oneTime, "POST", "/api/me/password",
                "{\"currentPassword\":\"" + oneTime + "\",\"newPassword\":\"Chosen-after-reset\"}").statusCode()).isEqualTo(204);
        assertThat(api("reset-me", "Chosen-after-reset", "GET", "/api/tasks", null).statusCode()).isEqualTo(200);

        // a member of the secretary's branch who holds an office above it: resetting would take that office over
        people.grant("reset-me", cn.xianfeng.org.Role.AUDITOR, "C01-T1", "admin");
        assertThat(api("zhangsan", Fixtures.DEMO, "POST", "/api/people/reset-me/password-reset", null).statusCode())
                .isEqualTo(403);
        assertThat(api("zhangsan", Fixtures.DEMO, "POST", "/api/people/lisi/password-reset", null).statusCode())
                .as("a branch committee member of the secretary's branch: outranked").isEqualTo(200);
        assertThat(api("zhangsan", Fixtures.DEMO, "POST", "/api/people/zhengshi/password-reset", null).statusCode())
                .as("another township: not even visible").isEqualTo(404);
        assertThat(api("zhangsan", Fixtures.DEMO, "POST", "/api/people/admin/password-reset", null).statusCode())
                .isEqualTo(404);
        assertThat(api("zhangsan", Fixtures.DEMO, "POST", "/api/people/zhangsan/password-reset", null).statusCode())
                .as("one's own: 修改密码").isEqualTo(403);
        assertThat(api("zhaoliu", Fixtures.DEMO, "POST", "/api/people/sunqi/password-reset", null).statusCode())
                .isEqualTo(404);
        assertThat(api("reset-me", "Chosen-after-reset", "GET", "/api/me", null).statusCode())
                .as("refused resets changed nothing").isEqualTo(200);

        assertThat(create("yangfan", "reset-page", "FULL", "First-password-2").statusCode()).isEqualTo(201);
        Browserless officer = new Browserless(port);
        officer.login("zhangsan", Fixtures.DEMO);
        officer.get("/account/reset");
        HttpResponse<String> shown = officer.post("/account/reset", Map.of("username", "reset-page"));
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("已为 reset-page 设置一次性密码");
        assertThat(shown.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(officer.post("/account/reset", Map.of("username", "zhengshi")).statusCode()).isEqualTo(404);
    }

    @Test
    void peopleWhoseMembershipEndedNoLongerSignIn() throws Exception {
        for (MemberStatus ended : new MemberStatus[]{MemberStatus.EXPELLED, MemberStatus.DECEASED,
                MemberStatus.TRANSFERRED_OUT}) {
            String username = "ended-" + ended.name().toLowerCase().replace('_', '-');
            assertThat(create("yangfan", username, "FULL", "Member-password-1").statusCode()).isEqualTo(201);
            assertThat(api(username, "Member-password-1", "GET", "/api/me", null).statusCode()).isEqualTo(200);
            people.changeStatus(username, ended, null, "admin");
            assertThat(api(username, "Member-password-1", "GET", "/api/me", null).statusCode()).as(ended.name())
                    .isEqualTo(401);
            assertThat(new Browserless(port).login(username, "Member-password-1").headers().firstValue("Location")
                    .orElse("")).as(ended.name()).contains("error");
            assertThat(api(username, "Wrong-password-1", "GET", "/api/me", null).statusCode())
                    .as("the same answer as a wrong password").isEqualTo(401);
        }
    }

    private HttpResponse<String> create(String officer, String username, String status, String password) throws Exception {
        return api(officer, Fixtures.DEMO, "POST", "/api/people", JSON.writeValueAsString(Map.of("username", username,
                "name", "账号测试", "orgCode", "C01-T1-B1", "status", status, "password", password)));
    }

    private HttpResponse<String> api(String user, String password, String method, String path, String json)
            throws Exception {
        return Browserless.api(port, method, path, user, password, json);
    }

    private static String field(HttpResponse<String> r, String name) throws Exception {
        JsonNode errors = JSON.readTree(r.body()).get("errors");
        for (JsonNode e : errors) {
            if (name.equals(e.get("field").asText())) {
                return e.get("message").asText();
            }
        }
        return "";
    }
}
