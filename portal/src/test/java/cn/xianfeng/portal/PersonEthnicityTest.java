package cn.xianfeng.portal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 10: a person's ethnicity (民族), which the introduction letter prints, is accepted by the people API and
 * the import as one of the 56 recognised groups (by its Chinese or English name), refused otherwise with nothing
 * stored, and answered as its constant with its name in the reader's language; the demo people have one.
 */
class PersonEthnicityTest extends TimedPortal {

    private static final String PASSWORD = "Ethnic-password-1";

    @Test
    void theApiAcceptsOneOfThe56AndRefusesAnythingElse() throws Exception {
        String bad = "eth-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> refused = call("yangfan", "POST", "/api/people", person(bad, "火星族"), "en");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(refused.body()).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("ethnicity");
        assertThat(error.get("message").asText()).startsWith("The ethnicity must be one of the 56 recognised groups");
        assertThat(call("yangfan", "GET", "/api/people/" + bad, null, null).statusCode()).as("nothing stored")
                .isEqualTo(404);

        String good = "eth-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = call("yangfan", "POST", "/api/people", person(good, "Zhuang"), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("ethnicity").asText()).isEqualTo("ZHUANG");
        JsonNode zh = JSON.readTree(call("yangfan", "GET", "/api/people/" + good, null, "zh-CN").body());
        JsonNode en = JSON.readTree(call("yangfan", "GET", "/api/people/" + good, null, "en").body());
        assertThat(zh.get("ethnicity").asText()).isEqualTo(en.get("ethnicity").asText()).isEqualTo("ZHUANG");
        assertThat(zh.get("ethnicityLabel").asText()).isEqualTo("壮族");
        assertThat(en.get("ethnicityLabel").asText()).isEqualTo("Zhuang");

        JsonNode demo = JSON.readTree(call("yangfan", "GET", "/api/people/sunqi", null, null).body());
        assertThat(demo.get("ethnicity").asText()).as("demo data carries ethnicities").isEqualTo("HUI");
    }

    @Test
    void theImportAcceptsAnEthnicityColumnAndRejectsAnUnknownName() throws Exception {
        String ok = "imp-" + UUID.randomUUID().toString().substring(0, 8);
        String wrong = "imp-" + UUID.randomUUID().toString().substring(0, 8);
        String csv = "username,name,birthDate,orgCode,status,joinedDate,password,ethnicity\n"
                + ok + ",导入测试,1990-05-01,C01-T1-B1,FULL,2015-07-01," + PASSWORD + ",回族\n"
                + wrong + ",导入测试,1990-05-01,C01-T1-B1,FULL,2015-07-01," + PASSWORD + ",克林贡族\n";
        HttpResponse<String> r = Uploads.post(port, "yangfan", "/api/people/import", "people.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(r.body());
        assertThat(report.get("accepted").asInt()).isEqualTo(1);
        assertThat(report.get("rejected").get(0).get("username").asText()).isEqualTo(wrong);
        assertThat(report.get("rejected").get(0).get("reason").asText()).contains("民族");
        assertThat(JSON.readTree(call("yangfan", "GET", "/api/people/" + ok, null, null).body()).get("ethnicity")
                .asText()).isEqualTo("HUI");
        assertThat(call("yangfan", "GET", "/api/people/" + wrong, null, null).statusCode()).isEqualTo(404);
    }

    private static String person(String username, String ethnicity) throws Exception {
        return JSON.writeValueAsString(Map.of("username", username, "name", "民族测试", "birthDate", "1988-08-08",
                "orgCode", "C01-T1-B1", "status", "FULL", "joinedDate", "2012-07-01", "password", PASSWORD,
                "ethnicity", ethnicity));
    }

    private HttpResponse<String> call(String user, String method, String path, String json, String language)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + DEMO).getBytes(StandardCharsets.UTF_8)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (language != null) {
            b.header("Accept-Language", language);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
