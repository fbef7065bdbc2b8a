package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions are rows in PostgreSQL (what lets another node continue them: TwoNodeTest): a sign-in writes one, a
 * sign-out deletes it, and no API call, anonymous or with HTTP Basic, starts one (each would be a row to write and
 * to clean, for anyone who cares to send requests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "xianfeng.demo-password=demo-2026")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class SessionStoreTest {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSignInIsARowInPostgresAndTheSignOutDeletesIt() throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        // other classes share this context and may have left lisi signed in elsewhere: count this sign-in's row
        long before = sessionsOf("lisi");
        String token = csrf(get(http, "/login").body());
        HttpResponse<String> login = http.send(form("/login", "username=lisi&password=demo-2026&_csrf="
                + URLEncoder.encode(token, StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(sessionsOf("lisi")).isEqualTo(before + 1);
        HttpResponse<String> tasks = get(http, "/tasks");
        assertThat(tasks.statusCode()).isEqualTo(200);
        HttpResponse<String> logout = http.send(form("/logout", "_csrf="
                + URLEncoder.encode(csrf(tasks.body()), StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(sessionsOf("lisi")).as("signed out: the row is gone, for every node").isEqualTo(before);
        assertThat(get(http, "/tasks").statusCode()).as("the old cookie no longer signs in").isEqualTo(302);
    }

    @Test
    void apiCallsStartNoSession() throws Exception {
        long before = sessions();
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String basic = "Basic " + Base64.getEncoder().encodeToString("zhangsan:demo-2026".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/tasks?scope=todo")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            HttpResponse<String> withBasic = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/tasks?scope=todo"))
                    .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(withBasic.statusCode()).isEqualTo(200);
            assertThat(withBasic.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
        }
        assertThat(sessions()).isEqualTo(before);
    }

    private long sessions() {
        return jdbc.queryForObject("select count(*) from spring_session", Long.class);
    }

    private long sessionsOf(String user) {
        return jdbc.queryForObject("select count(*) from spring_session where principal_name = ?", Long.class, user);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest form(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF token on the page").isTrue();
        return m.group(1);
    }
}
