package cn.xianfeng.reliability;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One person at the portal: a signed-in page session (cookie + CSRF token) used for API calls, so that the load
 * is not BCrypt checks, and HTTP Basic where the test wants authentication itself to reach the database.
 */
final class PortalClient {

    static final String DEMO = "demo-2026";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"(id|taskId|caseId)\":\"([^\"]+)\"");

    private static final HttpClient ANONYMOUS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String base;
    private final String user;
    private final HttpClient http;
    private String csrf;

    private PortalClient(int port, String user) {
        this.base = "http://127.0.0.1:" + port;
        this.user = user;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static PortalClient signIn(int port, String user) throws IOException, InterruptedException {
        PortalClient c = new PortalClient(port, user);
        c.csrf = token(c.page("/login").body());
        HttpResponse<String> login = c.send(HttpRequest.newBuilder(URI.create(c.base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + DEMO + "&_csrf=" + c.csrf)));
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in of " + user + " failed: " + login.statusCode());
        }
        c.csrf = token(c.page("/tasks").body());
        return c;
    }

    HttpResponse<String> page(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    HttpResponse<String> api(String method, String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("X-CSRF-TOKEN", csrf)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * One call with HTTP Basic (no session: authentication itself reads the person from the database), or
     * without credentials when {@code user} is null.
     */
    static HttpResponse<String> basic(int port, String user, String password, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return ANONYMOUS.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A 情况报告 by this member: {@code POST /api/cases}; its review waits for the branch secretary. */
    HttpResponse<String> fileReport(String subject) throws IOException, InterruptedException {
        return api("POST", "/api/cases", "{\"process\":\"report\",\"subject\":\"" + subject + "\",\"data\":{\"title\":"
                + "\"学习情况\",\"content\":\"已完成\",\"reportDate\":\"2020-01-02\"}}");
    }

    HttpResponse<String> approve(String taskId) throws IOException, InterruptedException {
        return api("POST", "/api/tasks/" + taskId + "/complete", "{\"data\":{\"decision\":\"APPROVE\"}}");
    }

    HttpResponse<String> archive(String taskId) throws IOException, InterruptedException {
        return api("POST", "/api/tasks/" + taskId + "/complete", "{\"data\":{\"archiveNo\":\"GD-" + taskId.substring(0, 8)
                .toUpperCase() + "\"}}");
    }

    /** {@code POST path} of one file as multipart {@code file} (an upload), with a generous timeout. */
    HttpResponse<String> upload(String path, String filename, byte[] content) throws IOException, InterruptedException {
        String boundary = "xianfeng-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-CSRF-TOKEN", csrf)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code method path} answered as bytes (a PDF), with a generous timeout. */
    HttpResponse<byte[]> bytes(String method, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-CSRF-TOKEN", csrf)
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The first {@code id}, {@code taskId} or {@code caseId} value named {@code field} in a JSON reply. */
    static String field(String json, String field) {
        Matcher m = ID.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(field)) {
                return m.group(2);
            }
        }
        return null;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        return m.group(1);
    }
}
