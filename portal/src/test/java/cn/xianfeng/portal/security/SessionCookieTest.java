package cn.xianfeng.portal.security;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 item 16: outside the demo (production: xianfeng.demo=false) the session cookie is Secure by default,
 * HttpOnly and SameSite=Lax, on the anonymous session (which holds the CSRF token) and the one sign-in creates.
 * The demo default (plain http://localhost) is covered by every other test signing in over http, which a Secure
 * cookie would break.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"xianfeng.demo=false", "xianfeng.admin-password=cookie-test-admin",
                "xianfeng.public-url=https://xianfeng.example.gov.cn"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class SessionCookieTest {

    @LocalServerPort
    int port;

    @Test
    void theSessionCookieIsSecureOutsideTheDemo() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String anonymous = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(anonymous).startsWith("JSESSIONID=").contains("; Secure").contains("; HttpOnly").contains("SameSite=Lax");

        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(login.body());
        assertThat(csrf.find()).isTrue();
        String session = anonymous.substring(0, anonymous.indexOf(';'));
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=cookie-test-admin&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(signedIn.headers().firstValue("Set-Cookie").orElseThrow())
                .as("the new session id at sign-in").startsWith("JSESSIONID=").contains("; Secure");
    }

    @Test
    void theSettingWinsOverTheDefault() {
        assertThat(SessionCookie.secure(null, false)).as("production default").isTrue();
        assertThat(SessionCookie.secure("", true)).as("demo default").isFalse();
        assertThat(SessionCookie.secure("true", true)).isTrue();
        assertThat(SessionCookie.secure("false", false)).isFalse();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
