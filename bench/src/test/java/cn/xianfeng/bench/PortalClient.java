package cn.xianfeng.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One signed-in person with a cookie jar and the session's CSRF token. Clients sign in once through the form and
 * then use the session cookie with the CSRF header, as the pages do: HTTP Basic would spend a BCrypt check on every
 * request and measure the password hash instead of the application.
 */
final class PortalClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    /** What a workload measured: durations per kind of request, response bytes, errors and the first few. */
    record Measured(List<Long> todo, List<Long> complete, List<Long> start, List<Long> bytes, AtomicLong errors,
                    List<String> firstErrors) {
        static Measured create() {
            return new Measured(Collections.synchronizedList(new ArrayList<>()), Collections.synchronizedList(new ArrayList<>()),
                    Collections.synchronizedList(new ArrayList<>()), Collections.synchronizedList(new ArrayList<>()),
                    new AtomicLong(), Collections.synchronizedList(new ArrayList<>()));
        }

        long requests() {
            return todo.size() + complete.size() + start.size() + errors.get();
        }

        void error(String what) {
            errors.incrementAndGet();
            if (firstErrors.size() < 20) {
                firstErrors.add(what);
            }
        }
    }

    final String username;
    private final String base;
    private final String password;
    private final HttpClient http;
    private String csrf;

    PortalClient(String base, String username, String password) {
        this.base = base;
        this.username = username;
        this.password = password;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    PortalClient login() throws Exception {
        page("/login");
        String form = "username=" + username + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException(username + " could not sign in: " + r.statusCode() + " " + location);
        }
        page("/tasks"); // the token changes at sign-in; the next page carries the new one
        return this;
    }

    private void page(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF.matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on " + path + " (" + r.statusCode() + ")");
        }
        csrf = m.group(1);
    }

    HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    HttpRequest.Builder post(String path, String json) {
        return request(path).POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-CSRF-TOKEN", csrf);
    }

    /**
     * Sends {@code request}; a 2xx adds its duration to {@code into} (and its body's bytes to the measured sizes
     * when {@code sizes}), anything else is an error. Returns the body, or null after an error.
     */
    String timed(Measured m, List<Long> into, HttpRequest.Builder request, boolean sizes) {
        try {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - t;
            String body = new String(r.body(), StandardCharsets.UTF_8);
            if (r.statusCode() / 100 != 2) {
                m.error(username + " " + r.request().method() + " " + r.uri().getPath() + " → " + r.statusCode() + " "
                        + body.substring(0, Math.min(300, body.length())));
                return null;
            }
            if (into != null) {
                into.add(took);
            }
            if (sizes) {
                m.bytes().add((long) r.body().length);
            }
            return body;
        } catch (Exception e) {
            m.error(username + " " + e);
            return null;
        }
    }
}
