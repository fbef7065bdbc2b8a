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
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("zhaoliu:" + DEMO).getBytes(StandardCharsets.UTF_8)))
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
}
