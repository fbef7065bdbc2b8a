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
 * Issue 16 item 3: the process, stage and step names in the API's JSON follow Accept-Language (Chinese without one),
 * while the ids beside them stay as they are. One recruitment case, read through the real API as its applicant and
 * its branch secretary.
 */
class ApiNamesLanguageTest extends TimedPortal {

    private static final String FIRST = "Names-password-1";
    private static final String PASSWORD = "Names-password-2";

    @Test
    void taskCaseHistoryAndOwedNamesFollowAcceptLanguage() throws Exception {
        String applicant = "names-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = call("zhangsan", DEMO, "POST", "/api/people", JSON.writeValueAsString(Map.of(
                "username", applicant, "name", "名称测试", "birthDate", "1995-03-01", "orgCode", "C01-T1-B1",
                "status", "APPLICANT", "password", FIRST)), null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        json(call(applicant, FIRST, "POST", "/api/me/password", JSON.writeValueAsString(Map.of("currentPassword", FIRST,
                "newPassword", PASSWORD)), null), 204); // the first password is one-time
        JsonNode started = json(call(applicant, PASSWORD, "POST", "/api/cases",
                "{\"process\":\"admission\",\"data\":{}}", null), 201);
        String caseId = started.get("id").asText();

        JsonNode en = json(call(applicant, PASSWORD, "GET", "/api/cases/" + caseId, null, "en"), 200);
        JsonNode zh = json(call(applicant, PASSWORD, "GET", "/api/cases/" + caseId, null, null), 200);
        assertThat(en.get("process").asText()).isEqualTo(zh.get("process").asText()).isEqualTo("admission");
        assertThat(en.get("processName").asText()).isEqualTo("Party admission");
        assertThat(zh.get("processName").asText()).isEqualTo("发展党员");
        assertThat(en.get("stage").get("name").asText()).isEqualTo("Stage 1: applicant");
        assertThat(zh.get("stage").get("name").asText()).isEqualTo("第一阶段：入党申请人");
        assertThat(en.get("step").get("id").asText()).isEqualTo("step01");
        assertThat(en.get("step").get("name").asText()).isEqualTo("Submit the application");
        assertThat(en.get("current").get(0).get("stepId").asText()).isEqualTo("step01");
        assertThat(en.get("current").get(0).get("name").asText()).isEqualTo("Submit the application");
        assertThat(zh.get("current").get(0).get("name").asText()).isEqualTo("递交入党申请书");
        String taskId = en.get("current").get(0).get("taskId").asText();

        JsonNode todoEn = json(call(applicant, PASSWORD, "GET", "/api/tasks?scope=todo", null, "en-GB,en;q=0.8"), 200);
        JsonNode todoZh = json(call(applicant, PASSWORD, "GET", "/api/tasks?scope=todo", null, "zh-CN"), 200);
        assertThat(item(todoEn.get("items"), caseId).get("name").asText()).isEqualTo("Submit the application");
        assertThat(item(todoEn.get("items"), caseId).get("stepId").asText()).isEqualTo("step01");
        assertThat(item(todoZh.get("items"), caseId).get("name").asText()).isEqualTo("递交入党申请书");

        JsonNode task = json(call(applicant, PASSWORD, "GET", "/api/tasks/" + taskId, null, "en"), 200);
        assertThat(task.get("task").get("name").asText()).isEqualTo("Submit the application");
        assertThat(json(call(applicant, PASSWORD, "GET", "/api/tasks/" + taskId, null, null), 200)
                .get("task").get("name").asText()).isEqualTo("递交入党申请书");

        // a comment on the task puts the step into the history, with its name and the action's label beside the ids
        json(call(applicant, PASSWORD, "POST", "/api/tasks/" + taskId + "/comments", "{\"text\":\"请审阅\"}", null), 201);
        JsonNode historyEn = json(call(applicant, PASSWORD, "GET", "/api/cases/" + caseId + "/history", null, "en"), 200);
        JsonNode historyZh = json(call(applicant, PASSWORD, "GET", "/api/cases/" + caseId + "/history", null, null), 200);
        JsonNode stepEn = withStep(historyEn, "step01");
        JsonNode stepZh = withStep(historyZh, "step01");
        assertThat(stepEn.get("stepName").asText()).isEqualTo("Submit the application");
        assertThat(stepZh.get("stepName").asText()).isEqualTo("递交入党申请书");
        assertThat(stepEn.get("action").asText()).isEqualTo(stepZh.get("action").asText()).matches("[A-Z_]+");
        assertThat(stepEn.get("actionLabel").asText()).isNotBlank().doesNotContainPattern("\\p{IsHan}")
                .isNotEqualTo(stepEn.get("action").asText());
        assertThat(stepZh.get("actionLabel").asText()).containsPattern("\\p{IsHan}");

        // the view lists the 50 people who owe most; a newcomer's own step comes from their page of tasks
        String owedTasks = "/api/owed/tasks?org=C01-T1-B1&person=" + applicant;
        JsonNode owedEn = json(call("zhangsan", DEMO, "GET", owedTasks, null, "en"), 200);
        JsonNode owedZh = json(call("zhangsan", DEMO, "GET", owedTasks, null, null), 200);
        assertThat(owedTask(owedEn, caseId).get("name").asText()).isEqualTo("Submit the application");
        assertThat(owedTask(owedEn, caseId).get("stepId").asText()).isEqualTo("step01");
        assertThat(owedTask(owedZh, caseId).get("name").asText()).isEqualTo("递交入党申请书");

        JsonNode mine = json(call(applicant, PASSWORD, "GET", "/api/me/admission", null, "en"), 200);
        assertThat(mine.get("stage").get("name").asText()).isEqualTo("Stage 1: applicant");
        JsonNode started2 = json(call(applicant, PASSWORD, "GET", "/api/cases?scope=mine", null, "en"), 200);
        assertThat(item(started2.get("items"), caseId, "id").get("processName").asText()).isEqualTo("Party admission");
    }

    private static JsonNode item(JsonNode items, String caseId) {
        return item(items, caseId, "caseId");
    }

    private static JsonNode item(JsonNode items, String caseId, String field) {
        for (JsonNode i : items) {
            if (caseId.equals(i.get(field).asText())) {
                return i;
            }
        }
        throw new AssertionError("no item of case " + caseId + " in " + items);
    }

    private static JsonNode withStep(JsonNode history, String stepId) {
        for (JsonNode e : history) {
            if (stepId.equals(e.path("stepId").asText())) {
                return e;
            }
        }
        throw new AssertionError("no history entry at " + stepId + " in " + history);
    }

    private static JsonNode owedTask(JsonNode owed, String caseId) {
        for (JsonNode t : owed.get("items")) {
            if (caseId.equals(t.get("caseId").asText())) {
                return t;
            }
        }
        throw new AssertionError("no owed task of case " + caseId + " in " + owed);
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    private HttpResponse<String> call(String user, String password, String method, String path, String json,
                                      String language) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (language != null) {
            b.header("Accept-Language", language);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
