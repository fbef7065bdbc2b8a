package cn.xianfeng.portal;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 15: the review's unhandled 500s and their class — dates, years and numbers bound from query strings,
 * JSON bodies and form data beyond four-digit years, and ids that end up in a redirect — are 4xx with the field named,
 * on pages and API alike. Item 16: CSRF is skipped only for HTTP Basic without a session cookie.
 */
@TrustPortalTest
class ParameterBindingTest {

    @LocalServerPort int port;

    @Test
    void theReviewsThreeRequestsAreNoLonger500() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String code : List.of("x", "%7Bx%7D", "%7B%7D", "%E4%B8%AD", "a%20b", "x%3Fy", "%0d%0aX-Evil:1", "..%2f..")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/public/complaints?code=" + code))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(code).isIn(302, 404);
            assertThat(r.headers().firstValue("Location").orElse("")).as(code).doesNotContain("\n")
                    .doesNotContain("X-Evil").doesNotContain("?y");
            Leaks.assertClean(r);
        }
        assertField(Browserless.api(port, "GET", "/api/me/meetings?year=1000000000", "zhangsan", Fixtures.DEMO, null), "year");
        assertField(Browserless.api(port, "GET", "/api/me/meetings?year=-5", "zhangsan", Fixtures.DEMO, null), "year");
        assertThat(Browserless.api(port, "GET", "/api/me/meetings?year=2026", "zhangsan", Fixtures.DEMO, null)
                .statusCode()).isEqualTo(200);
        assertField(Browserless.api(port, "GET", "/api/search?from=-999999999-01-01", "huangli", Fixtures.DEMO, null), "from");
        assertField(Browserless.api(port, "GET", "/api/search?to=%2B10000-01-01", "huangli", Fixtures.DEMO, null), "to");
    }

    @Test
    void datesBeyondFourDigitYearsAre400EverywhereTheyBind() throws Exception {
        for (String path : List.of("/api/audit/reads?from=-999999999-01-01", "/api/audit/reads?to=%2B999999999-12-31",
                "/api/complaints/rates?org=C01&from=-999999999-01-01", "/api/complaints/rates?org=C01&to=99999-01-01")) {
            HttpResponse<String> r = Browserless.api(port, "GET", path, "huangli", Fixtures.DEMO, null);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            Leaks.assertClean(r);
        }
        Browserless auditor = new Browserless(port);
        auditor.login("huangli", Fixtures.DEMO);
        for (String page : List.of("/audit/reads?from=-999999999-01-01", "/audit/search?from=-999999999-01-01&q=x")) {
            HttpResponse<String> r = auditor.get(page);
            assertThat(r.statusCode()).as(page).isBetween(200, 499);
            Leaks.assertClean(r);
        }
        // a task form's date field: the report's reportDate
        String caseId = Fixtures.startReport(port, "zhaoliu", "日期边界");
        HttpResponse<String> start = Browserless.api(port, "POST", "/api/cases", "zhaoliu", Fixtures.DEMO,
                "{\"process\":\"report\",\"subject\":\"年份\",\"data\":{\"title\":\"学习情况\",\"content\":\"已完成\","
                        + "\"reportDate\":\"+999999999-12-31\"}}");
        assertThat(start.statusCode()).as(start.body()).isEqualTo(400);
        assertThat(start.body()).containsPattern("\"field\":\"(data\\.)?reportDate\"");
        assertThat(caseId).isNotBlank();
        HttpResponse<String> clock = Browserless.api(port, "POST", "/api/admin/clock", "admin",
                TrustPortalTest.ADMIN_PASSWORD, "{\"now\":\"+1000000000-01-01T00:00:00Z\"}");
        assertThat(clock.statusCode()).isEqualTo(400);
    }

    @Test
    void idsThatEndUpInARedirectCannotBreakIt() throws Exception {
        Browserless page = new Browserless(port);
        page.login("zhangsan", Fixtures.DEMO);
        page.get("/tasks");
        for (String path : List.of("/tasks/%7Bx%7D/claim", "/tasks/%7Bx%7D/delegate", "/cases/%7Bid%7D/withdraw",
                "/meetings/%7Bx%7D/amendments")) {
            HttpResponse<String> r = page.post(path, Map.of("to", "lisi", "reason", "测试", "text", "x"));
            assertThat(r.statusCode()).as(path).isBetween(300, 499);
            Leaks.assertClean(r);
        }
    }

    /** Item 16: a session cookie with an Authorization header that is not Basic alone gets no CSRF pass. */
    @Test
    void csrfIsSkippedOnlyForBasicCredentialsWithoutASession() throws Exception {
        Browserless page = new Browserless(port);
        page.login("zhangsan", Fixtures.DEMO);
        String session = page.cookie("JSESSIONID");
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"process\":\"report\",\"subject\":\"跨站\",\"data\":{\"title\":\"学习情况\",\"content\":\"已完成\","
                + "\"reportDate\":\"2020-01-02\"}}";
        for (String authorization : List.of("Bearer anything", "Basic " + basic("zhangsan", "wrong-password"),
                "Basic " + basic("zhangsan", Fixtures.DEMO), "Negotiate x")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/cases"))
                    .header("Cookie", "JSESSIONID=" + session).header("Authorization", authorization)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(authorization).isEqualTo(403);
        }
        assertThat(Browserless.api(port, "POST", "/api/cases", "zhangsan", Fixtures.DEMO, body).statusCode())
                .as("an API client with Basic and no session").isEqualTo(201);
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertField(HttpResponse<String> r, String field) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"" + field + "\"");
        Leaks.assertClean(r);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
