package cn.xianfeng.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads that need the database in three ways while it goes away and comes back: an API call with HTTP Basic
 * (authentication reads the person), a page in a signed-in session, and a fresh form sign-in. Every status is
 * counted per kind; every reply other than the expected success or a 503 is kept for the failure message.
 */
final class Probes {

    final Map<String, Map<Integer, AtomicInteger>> statuses = new ConcurrentHashMap<>();
    final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    final Queue<String> unavailableBodies = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final int port;
    private final PortalClient session;
    private final java.util.List<Thread> threads;

    /** One thread per kind: a kind waiting out its connection timeout does not keep the others from probing. */
    Probes(int port) throws Exception {
        this.port = port;
        this.session = PortalClient.signIn(port, "lisi");
        this.threads = java.util.List.of(
                new Thread(() -> loop("basic", 200, () -> PortalClient.basic(port, "heming", PortalClient.DEMO, "GET",
                        "/api/tasks?scope=todo&size=1", null)), "probe-basic"),
                new Thread(() -> loop("page", 200, () -> session.page("/tasks")), "probe-page"),
                new Thread(() -> loop("login", 302, this::signIn), "probe-login"));
        threads.forEach(Thread::start);
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(120_000);
        }
    }

    int count(String kind, int status) {
        return statuses.getOrDefault(kind, Map.of()).getOrDefault(status, new AtomicInteger()).get();
    }

    interface Probe {
        HttpResponse<String> send() throws IOException, InterruptedException;
    }

    private void loop(String kind, int success, Probe probe) {
        while (running.get()) {
            try {
                record(kind, success, probe.send());
                Thread.sleep(100);
            } catch (IOException e) {
                unexpected.add(kind + ": broken connection: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private HttpResponse<String> signIn() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            // the sign-in page itself is unavailable (its session, and so its CSRF token, lives in PostgreSQL):
            // a person has no form to submit, and that answer is the probe's
            return page;
        }
        String login = page.body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(login);
        String csrf = m.find() ? m.group(1) : "";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("username=wujiu&password=" + PortalClient.DEMO + "&_csrf=" + csrf))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private void record(String kind, int success, HttpResponse<String> r) {
        statuses.computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
        boolean wrongPlace = r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").contains("error");
        if (r.statusCode() == 503) {
            unavailableBodies.add(kind + ": " + r.body());
        } else if (r.statusCode() != success || wrongPlace) {
            unexpected.add(kind + " " + r.statusCode() + " " + r.headers().firstValue("Location").orElse("") + " "
                    + r.body().substring(0, Math.min(300, r.body().length())));
        }
    }
}
