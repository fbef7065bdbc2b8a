package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No page or API shows a task or case outside the viewer's subtree: 吴九, secretary of the sibling branch
 * C01-T1-B2, tries everything about 城关社区党支部's demo cases and gets 403/404 and empty lists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "xianfeng.demo-password=demo-2026")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class NoLeakTest {

    static final String DEMO = "demo-2026";

    @LocalServerPort
    int port;

    HttpResponse<String> api(String user, String path) throws Exception {
        return Browserless.api(port, "GET", path, user, DEMO, null);
    }

    @Test
    void aSiblingBranchSecretarySeesNothingOfAnotherBranch() throws Exception {
        String progress = api("wangwu", "/api/me/admission").body();
        String caseId = progress.replaceAll(".*\"caseId\":\"([^\"]+)\".*", "$1");
        String taskId = progress.replaceAll(".*\"taskId\":\"([^\"]+)\".*", "$1");
        assertThat(api("zhangsan", "/api/tasks/" + taskId).statusCode()).as("the owner may").isEqualTo(200);

        for (String path : List.of("/api/cases/" + caseId, "/api/cases/" + caseId + "/history",
                "/api/cases/" + caseId + "/diagram", "/api/admissions/" + caseId, "/api/owed?org=C01-T1-B1",
                "/api/admissions?org=C01-T1-B1", "/api/people/wangwu")) {
            assertThat(api("wujiu", path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(api("wujiu", "/api/tasks/" + taskId).statusCode()).isEqualTo(403);
        assertThat(api("wujiu", "/api/tasks?scope=todo&size=200").body()).doesNotContain(taskId).doesNotContain(caseId);
        assertThat(api("wujiu", "/api/owed?org=C01-T1-B2").body()).doesNotContain(taskId);
        assertThat(Browserless.api(port, "POST", "/api/tasks/" + taskId + "/remind", "wujiu", DEMO, "{}").statusCode())
                .isEqualTo(404);
        assertThat(Browserless.api(port, "POST", "/api/cases/" + caseId + "/copies", "wujiu", DEMO,
                "{\"to\":\"wujiu\"}").statusCode()).isEqualTo(404);

        Browserless page = new Browserless(port);
        page.login("wujiu", DEMO);
        assertThat(page.get("/cases/" + caseId).statusCode()).isEqualTo(404);
        assertThat(page.get("/tasks/" + taskId).statusCode()).isEqualTo(403);
        assertThat(page.get("/tasks").body()).doesNotContain(taskId).doesNotContain("王五");
        assertThat(page.get("/owed?org=C01-T1-B1").statusCode()).isEqualTo(404);
        assertThat(page.get("/owed/person?org=C01-T1-B1&person=zhangsan").statusCode()).isEqualTo(404);
        Browserless owner = new Browserless(port);
        owner.login("zhangsan", DEMO);
        assertThat(owner.get("/owed/person?org=C01-T1-B1&person=zhangsan").body())
                .as("the branch's own secretary sees the task in the list of what he owes").contains("/cases/" + caseId);

        assertThat(api("huangli", "/api/cases/" + caseId).statusCode()).as("the county's auditor may").isEqualTo(200);
    }
}
