package cn.xianfeng.reliability;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One person's browser in front of several portal nodes (as behind a proxy that spreads requests): one cookie jar
 * and one CSRF token, used on whichever node the caller names. That it works at all is the shared session.
 */
final class NodeClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    final String user;
    private final List<Integer> ports;
    private final HttpClient http;
    private String csrf;

    private NodeClient(List<Integer> ports, String user) {
        this.ports = ports;
        this.user = user;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Signs in through the form on {@code node}; the session's CSRF token is read from a page of the same node. */
    static NodeClient signIn(List<Integer> ports, int node, String user) throws IOException, InterruptedException {
        NodeClient c = new NodeClient(ports, user);
        c.csrf = token(c.page(node, "/login").body());
        HttpResponse<String> login = c.send(node, HttpRequest.newBuilder(c.uri(node, "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + PortalClient.DEMO
                        + "&_csrf=" + URLEncoder.encode(c.csrf, StandardCharsets.UTF_8))));
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in of " + user + " failed: " + login.statusCode());
        }
        c.csrf = token(c.page(node, "/tasks").body());
        return c;
    }

    HttpResponse<String> page(int node, String path) throws IOException, InterruptedException {
        return send(node, HttpRequest.newBuilder(uri(node, path)).GET());
    }

    HttpResponse<String> api(int node, String method, String path, String json) throws IOException, InterruptedException {
        return send(node, HttpRequest.newBuilder(uri(node, path)).header("X-CSRF-TOKEN", csrf)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The page form's sign-out, on {@code node}, with a token read from that node's page. */
    HttpResponse<String> signOut(int node) throws IOException, InterruptedException {
        String token = token(page(node, "/tasks").body());
        return send(node, HttpRequest.newBuilder(uri(node, "/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8))));
    }

    private URI uri(int node, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(node) + path);
    }

    private HttpResponse<String> send(int node, HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        return m.group(1);
    }
}
