package cn.xianfeng.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, items 12–15: the API as an integrator meets it — the OpenAPI document (title, version, tags, a summary
 * per operation, HTTP Basic, uploads as multipart), a body that does not bind answered with every bad field, the
 * contract's fields present as null, and times with the application zone's offset.
 */
@TrustPortalTest
class ApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    @LocalServerPort int port;

    @Test
    void everyOperationHasASummaryATagAndTheDocumentOffersBasic() throws Exception {
        JsonNode doc = apiDocs();
        assertThat(doc.at("/info/title").asText()).isEqualTo("先锋 Xianfeng API");
        assertThat(doc.at("/info/version").asText()).isEqualTo("1.0");
        assertThat(doc.at("/info/description").asText()).contains("problem details").contains("+08:00");
        assertThat(doc.at("/components/securitySchemes/basic/type").asText()).isEqualTo("http");
        assertThat(doc.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        assertThat(doc.get("security").toString()).isEqualTo("[{\"basic\":[]}]");
        Set<String> tags = new HashSet<>();
        doc.get("tags").forEach(t -> {
            tags.add(t.get("name").asText());
            assertThat(t.path("description").asText()).as(t.toString()).isNotBlank();
        });
        List<String> withoutSummary = new ArrayList<>();
        List<String> withoutArea = new ArrayList<>();
        int operations = 0;
        for (var path : iterable(doc.get("paths").fields())) {
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                operations++;
                String name = method.toUpperCase() + " " + path.getKey();
                if (op.path("summary").asText().isBlank()) {
                    withoutSummary.add(name);
                }
                if (op.path("tags").size() != 1 || !tags.contains(op.path("tags").get(0).asText())) {
                    withoutArea.add(name + " " + op.path("tags"));
                }
                if (path.getKey().startsWith("/api/public/")) {
                    assertThat(op.path("security").toString()).as(name + " needs no credentials").isEqualTo("[{}]");
                } else {
                    assertThat(op.has("security")).as(name + " uses the document's Basic").isFalse();
                }
            }
        }
        assertThat(operations).as("the API's operations are in the document").isGreaterThan(80);
        assertThat(withoutSummary).as("operations without a summary").isEmpty();
        assertThat(withoutArea).as("operations without exactly one of the document's tags").isEmpty();
        assertThat(doc.at("/paths/~1api~1public~1complaints/post/security").toString()).isEqualTo("[{}]");
    }

    @Test
    void uploadsAreDescribedAsMultipartWithABinaryFilePart() throws Exception {
        JsonNode doc = apiDocs();
        for (String path : List.of("/api/cases/{id}/attachments", "/api/attachments", "/api/people/import",
                "/api/dues/payments/import")) {
            JsonNode body = doc.get("paths").get(path).get("post").get("requestBody");
            assertThat(body).as(path).isNotNull();
            List<String> types = new ArrayList<>();
            body.get("content").fieldNames().forEachRemaining(types::add);
            assertThat(types).as(path).containsExactly("multipart/form-data");
            JsonNode schema = resolve(doc, body.at("/content/multipart~1form-data/schema"));
            assertThat(schema.at("/properties/file/type").asText()).as(path).isEqualTo("string");
            assertThat(schema.at("/properties/file/format").asText()).as(path).isEqualTo("binary");
            assertThat(schema.get("required").toString()).as(path).isEqualTo("[\"file\"]");
            assertThat(doc.get("paths").get(path).get("post").path("parameters").toString()).as(path)
                    .doesNotContain("\"file\"");
        }
    }

    @Test
    void aBodyThatDoesNotBindIsAnsweredWithEveryBadField() throws Exception {
        HttpResponse<String> r = admin("POST", "/api/orgs", "{\"code\":\"X-APIDOC\",\"type\":\"NOPE\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        Map<String, String> errors = errors(r);
        assertThat(errors).containsEntry("type", "须为以下之一：COMMITTEE, GENERAL_BRANCH, BRANCH, GROUP")
                .containsKey("name").hasSize(2);
        assertThat(JSON.readTree(r.body()).get("detail").asText()).doesNotContain("Failed to read request");
        assertThat(admin("GET", "/api/orgs/X-APIDOC", null).statusCode()).as("nothing created").isEqualTo(404);

        // a number where text belongs, an enum given as its index, a boolean as a word, a date that is none
        HttpResponse<String> person = admin("POST", "/api/people", "{\"username\":42,\"name\":\"测试\","
                + "\"birthDate\":\"1990-13-01\",\"orgCode\":\"C01-T1-B1\",\"status\":1,\"password\":\"a-long-password\"}");
        assertThat(person.statusCode()).as(person.body()).isEqualTo(400);
        assertThat(errors(person)).containsEntry("username", "须为文本（JSON 字符串）")
                .containsEntry("birthDate", "须为 yyyy-MM-dd 格式的日期")
                .containsKey("status").hasSize(3);
        assertThat(errors(person).get("status")).startsWith("须为以下之一：APPLICANT, ACTIVIST, CANDIDATE");
        assertThat(admin("GET", "/api/people/42", null).statusCode()).as("nothing created").isEqualTo(404);

        HttpResponse<String> meeting = Browserless.api(port, "POST", "/api/meetings/none/attendance", "zhangsan",
                Fixtures.DEMO, "{\"attending\":\"maybe\"}");
        assertThat(errors(meeting)).containsEntry("attending", "须为 true 或 false");

        // a query parameter of the wrong type names what it must be
        HttpResponse<String> tasks = Browserless.api(port, "GET", "/api/tasks?overdue=maybe", "zhangsan", Fixtures.DEMO, null);
        assertThat(errors(tasks)).containsEntry("overdue", "须为 true 或 false");

        // in English when the client asks for it
        HttpResponse<String> english = admin("POST", "/api/orgs?lang=en", "{\"code\":\"X-APIDOC\",\"name\":\"n\",\"type\":\"nope\"}");
        assertThat(errors(english)).containsEntry("type", "must be one of COMMITTEE, GENERAL_BRANCH, BRANCH, GROUP");
    }

    /** Pages: a form or link value that does not bind is a 400 page naming the field, not Spring's JSON problem. */
    @Test
    void aPageValueThatDoesNotBindIsA400PageNamingTheField() throws Exception {
        Browserless page = new Browserless(port);
        page.login("zhangsan", Fixtures.DEMO);
        page.get("/tasks");
        HttpResponse<String> answer = page.post("/me/meetings/none/attendance", Map.of("attending", "maybe"));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(answer.body()).contains("提交的内容有误：「attending」须为 true 或 false").doesNotContain("maybe");
        HttpResponse<String> list = page.get("/tasks?page=abc");
        assertThat(list.statusCode()).isEqualTo(400);
        assertThat(list.body()).contains("「page」须为整数").contains("输入有误");
        Leaks.assertClean(list);
    }

    @Test
    void theContractsFieldsArePresentAndNullWhereUndefined() throws Exception {
        JsonNode rates = JSON.readTree(ok(Browserless.api(port, "GET",
                "/api/complaints/rates?org=C01&from=2001-01-01&to=2001-12-31", "huangli", Fixtures.DEMO, null)));
        for (String field : List.of("responseRate", "resolutionRate", "satisfactionRate")) {
            assertThat(rates.has(field)).as(field).isTrue();
            assertThat(rates.get(field).isNull()).as(field + " with no complaints").isTrue();
        }
        assertThat(rates.get("counts").isObject()).isTrue();

        JsonNode county = JSON.readTree(ok(admin("GET", "/api/orgs/C01", null)));
        assertThat(county.has("parentCode")).isTrue();
        assertThat(county.get("parentCode").isNull()).as("the county has no parent").isTrue();

        String caseId = Fixtures.startReport(port, "zhaoliu", "契约字段");
        JsonNode view = JSON.readTree(ok(Browserless.api(port, "GET", "/api/cases/" + caseId, "zhaoliu", Fixtures.DEMO, null)));
        for (String field : List.of("id", "process", "status", "subject", "startedAt", "endedAt", "current")) {
            assertThat(view.has(field)).as(field).isTrue();
        }
        assertThat(view.get("endedAt").isNull()).as("an open case has not ended").isTrue();
        JsonNode step = view.get("current").get(0);
        for (String field : List.of("stepId", "name", "taskId", "assignee", "candidates", "due", "overdue")) {
            assertThat(step.has(field)).as("current[0]." + field).isTrue();
        }

        JsonNode verify = JSON.readTree(ok(Browserless.api(port, "GET", "/api/audit/verify", "huangli", Fixtures.DEMO, null)));
        assertThat(verify.get("valid").asBoolean()).isTrue();
        assertThat(verify.has("firstBroken")).isTrue();
        assertThat(verify.get("firstBroken").isNull()).isTrue();
    }

    @Test
    void timesCarryTheApplicationZonesOffset() throws Exception {
        String caseId = Fixtures.startReport(port, "zhaoliu", "时区");
        JsonNode view = JSON.readTree(ok(Browserless.api(port, "GET", "/api/cases/" + caseId, "zhaoliu", Fixtures.DEMO, null)));
        String startedAt = view.get("startedAt").asText();
        assertThat(startedAt).as("not UTC").endsWith("+08:00");
        JsonNode clock = JSON.readTree(ok(admin("GET", "/api/admin/clock", null)));
        String now = clock.get("now").asText();
        assertThat(now).endsWith("+08:00");
        assertThat(Duration.between(OffsetDateTime.parse(startedAt), OffsetDateTime.parse(now)).abs())
                .as("the same instant as the server's clock, only written in its zone").isLessThan(Duration.ofHours(1));

        JsonNode tasks = JSON.readTree(ok(Browserless.api(port, "GET", "/api/tasks?scope=todo", "zhangsan", Fixtures.DEMO, null)));
        assertThat(tasks.get("items").size()).isPositive();
        tasks.get("items").forEach(t -> assertThat(t.get("createdAt").asText()).endsWith("+08:00"));
        JsonNode history = JSON.readTree(ok(Browserless.api(port, "GET", "/api/cases/" + caseId + "/history", "zhaoliu",
                Fixtures.DEMO, null)));
        history.forEach(h -> assertThat(h.get("at").asText()).as(h.toString()).endsWith("+08:00"));
    }

    private JsonNode apiDocs() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asText();
        return ref.isEmpty() ? schema : doc.at(ref.substring(1));
    }

    private HttpResponse<String> admin(String method, String path, String json) throws Exception {
        return Browserless.api(port, method, path, "admin", TrustPortalTest.ADMIN_PASSWORD, json);
    }

    private static String ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as("%s %s: %s", r.request().method(), r.uri(), r.body()).isEqualTo(200);
        return r.body();
    }

    private static Map<String, String> errors(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        Map<String, String> errors = new HashMap<>();
        JSON.readTree(r.body()).path("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("message").asText()));
        return errors;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }
}
