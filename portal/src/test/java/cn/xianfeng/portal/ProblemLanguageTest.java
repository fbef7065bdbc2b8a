package cn.xianfeng.portal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 3: the API's problem details follow Accept-Language (Chinese without one): the engine's refusals
 * from its bundles, the form validator's messages, and the API's own words; pages keep their chosen language.
 */
class ProblemLanguageTest extends TimedPortal {

    private HttpResponse<String> call(String method, String path, String json, String language) throws Exception {
        return call("zhaoliu", method, path, json, language);
    }

    private HttpResponse<String> call(String user, String method, String path, String json, String language)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":"
                        + ("admin".equals(user) ? ADMIN_PASSWORD : DEMO)).getBytes(StandardCharsets.UTF_8)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (language != null) {
            b.header("Accept-Language", language);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anEngineRefusalFollowsAcceptLanguage() throws Exception {
        HttpResponse<String> en = call("GET", "/api/tasks?scope=bogus", null, "en-US,en;q=0.9");
        assertThat(en.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(en.body());
        assertThat(body.get("detail").asText()).isEqualTo("Invalid input");
        assertThat(body.get("errors").get(0).get("message").asText()).isEqualTo("scope must be todo, done or cc");

        JsonNode zh = JSON.readTree(call("GET", "/api/tasks?scope=bogus", null, "zh-CN").body());
        assertThat(zh.get("detail").asText()).isEqualTo("输入有误");
        assertThat(zh.get("errors").get(0).get("message").asText()).isEqualTo("scope 须为 todo、done 或 cc");
        JsonNode none = JSON.readTree(call("GET", "/api/tasks?scope=bogus", null, null).body());
        assertThat(none.get("errors").get(0).get("message").asText()).as("Chinese by default")
                .isEqualTo("scope 须为 todo、done 或 cc");
    }

    @Test
    void aConflictAndTheFormValidatorFollowAcceptLanguage() throws Exception {
        HttpResponse<String> missing = call("POST", "/api/cases", "{\"process\":\"report\",\"data\":{}}", "en");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get("errors").findValuesAsText("message")).contains("must not be empty")
                .noneMatch(m -> m.matches(".*\\p{IsHan}.*"));

        HttpResponse<String> notFound = call("GET", "/api/public/verify/NO-SUCH-CODE", null, "en");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(notFound.body()).get("detail").asText()).isEqualTo("No such verification code");
        assertThat(JSON.readTree(call("GET", "/api/public/verify/NO-SUCH-CODE", null, null).body()).get("detail").asText())
                .isEqualTo("验证码不存在");
    }

    /** Refusals that carry an argument: the argument stays, the words around it follow Accept-Language. */
    @Test
    void refusalsWithArgumentsFollowAcceptLanguage() throws Exception {
        String org = "{\"code\":\"C01-T1-B1\",\"name\":\"重复\",\"type\":\"BRANCH\",\"parentCode\":\"C01-T1\"}";
        HttpResponse<String> en = call("admin", "POST", "/api/orgs", org, "en");
        assertThat(en.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(en.body()).get("detail").asText())
                .isEqualTo("The organization code already exists: C01-T1-B1");
        assertThat(JSON.readTree(call("admin", "POST", "/api/orgs", org, null).body()).get("detail").asText())
                .isEqualTo("组织编码已存在：C01-T1-B1");

        HttpResponse<String> person = call("admin", "GET", "/api/people/nobody-here", null, "en");
        assertThat(person.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(person.body()).get("detail").asText()).isEqualTo("No such person: nobody-here");

        // the member status is an argument too: its label in the reader's language, never the enum constant
        String admission = "{\"process\":\"admission\",\"data\":{\"applicant\":\"zhouba\"}}";
        HttpResponse<String> activist = call("zhangsan", "POST", "/api/cases", admission, "en");
        assertThat(activist.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(activist.body()).get("detail").asText())
                .isEqualTo("Only applicants can enter the recruitment process; 周八 is currently an activist");
        assertThat(JSON.readTree(call("zhangsan", "POST", "/api/cases", admission, "zh-CN").body()).get("detail").asText())
                .isEqualTo("只有入党申请人可以进入发展党员流程，周八 当前身份为 入党积极分子");

        HttpResponse<String> year = call("zhangsan", "GET", "/api/points/members/zhangsan?year=1999", null, "en");
        assertThat(year.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(year.body()).get("errors").get(0).get("message").asText())
                .matches("The year must be between \\d{4} and \\d{4}");
    }
}
