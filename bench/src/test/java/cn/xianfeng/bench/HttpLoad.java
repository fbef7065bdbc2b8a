package cn.xianfeng.bench;

import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import cn.xianfeng.testing.RealServices.Database;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.ApplicationContext;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portal jar as a process of its own ({@code -Xmx512m}) on the bench's PostgreSQL, driven over HTTP by
 * concurrent clients. Each client is the secretary of one branch and a member of the next: it reviews (completes)
 * the reports the previous client filed, and files one into the next branch when its 待办 is empty. Clients sign
 * in once with the form (session cookie + CSRF token), as the pages do: HTTP Basic would spend a BCrypt check on
 * every request and measure the password hash instead of the application.
 */
final class HttpLoad {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    /** The one-time password an officer gives each client, and the one the client then chooses (as people must). */
    private static final String INITIAL_PASSWORD = "bench-2026-initial";
    private static final String PASSWORD = "bench-2026-pw";

    private final ApplicationContext ctx;
    private final ObjectMapper json = new ObjectMapper();

    HttpLoad(ApplicationContext ctx) {
        this.ctx = ctx;
    }

    void run(Database db, Path portalJar, Path work, int clients, Duration length, Report report) throws Exception {
        createClients(clients);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(work);
        Path log = work.resolve("portal.log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx512m", "-jar", portalJar.toString(),
                "--server.port=" + port, "--xianfeng.demo=false", "--xianfeng.data-dir=" + work.resolve("data"),
                "--xianfeng.public-url=https://xianfeng.bench.example",
                // production mode makes the session cookie Secure; the clients talk plain HTTP to 127.0.0.1
                "--xianfeng.cookie.secure=false",
                "--xianfeng.meeting.compliance-initial-delay=PT24H", "--management.endpoints.web.exposure.include=health")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPRING_DATASOURCE_URL", db.jdbcUrl());
        pb.environment().put("SPRING_DATASOURCE_USERNAME", db.username());
        pb.environment().put("SPRING_DATASOURCE_PASSWORD", db.password());
        pb.environment().put("XIANFENG_ADMIN_PASSWORD", "bench-admin-" + System.nanoTime());
        Process portal = pb.start();
        try {
            String base = "http://127.0.0.1:" + port;
            double startSeconds = awaitHealthy(base, portal, log);
            load(base, clients, length, report, portal, work);
            memory(portal, report);
            report.fact("HTTP", String.format("portal jar started with -Xmx512m in %.0f s; %d clients for %d s on "
                    + "127.0.0.1, session cookies (form login once per client)", startSeconds, clients, length.toSeconds()));
        } finally {
            portal.destroy();
            if (!portal.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                portal.destroyForcibly();
            }
        }
    }

    private void createClients(int clients) {
        Orgs orgs = ctx.getBean(Orgs.class);
        People people = ctx.getBean(People.class);
        orgs.create(new NewOrg("BC-H", "基准压测镇党委", OrgType.COMMITTEE, CountyData.ROOT), "admin");
        for (int i = 0; i < clients; i++) {
            orgs.create(new NewOrg(branch(i), "压测党支部" + i, OrgType.BRANCH, "BC-H"), "admin");
        }
        for (int i = 0; i < clients; i++) {
            people.create(new NewPerson(client(i), "压测书记" + i, LocalDate.of(1980, 1, 1), branch((i + 1) % clients),
                    MemberStatus.FULL, LocalDate.of(2005, 7, 1), INITIAL_PASSWORD), "admin");
            ctx.getBean(cn.xianfeng.org.Accounts.class).changeOwn(client(i), INITIAL_PASSWORD, PASSWORD);
            people.grant(client(i), Role.SECRETARY, branch(i), "admin");
        }
    }

    private static String branch(int i) {
        return String.format("BC-H-B%02d", i);
    }

    private static String client(int i) {
        return String.format("hc%02d", i);
    }

    private static double awaitHealthy(String base, Process portal, Path log) throws Exception {
        long t = System.nanoTime();
        HttpClient http = HttpClient.newHttpClient();
        while (System.nanoTime() - t < Duration.ofSeconds(180).toNanos()) {
            if (!portal.isAlive()) {
                throw new IllegalStateException("the portal exited: " + tail(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - t) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the portal did not become healthy in 180 s: " + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private record Measured(List<Long> todo, List<Long> complete, List<Long> start, AtomicLong errors, List<String> firstErrors) {
    }

    private void load(String base, int clients, Duration length, Report report, Process portal, Path work) throws Exception {
        Measured m = new Measured(Collections.synchronizedList(new ArrayList<>()), Collections.synchronizedList(new ArrayList<>()),
                Collections.synchronizedList(new ArrayList<>()), new AtomicLong(), Collections.synchronizedList(new ArrayList<>()));
        List<Client> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            all.add(new Client(base, client(i)));
        }
        for (Client c : all) {
            c.login();
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + length.toNanos();
        List<Future<?>> running = new ArrayList<>();
        long t = System.nanoTime();
        for (Client c : all) {
            running.add(pool.submit(() -> c.loop(deadline, m)));
        }
        Thread.sleep(length.toMillis() / 2);
        report.note("PostgreSQL at half time of the HTTP load (pg_stat_activity, not idle)", activity());
        Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(portal.pid()), "Thread.print").redirectErrorStream(true)
                .redirectOutput(work.resolve("portal-threads-half-time.txt").toFile()).start();
        dump.waitFor();
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        pool.shutdown();
        Stats todo = Stats.ofNanos(m.todo());
        Stats complete = Stats.ofNanos(m.complete());
        Stats start = Stats.ofNanos(m.start());
        String s = "3 HTTP (" + clients + " clients)";
        report.add(s, "requests/s, all", (m.todo().size() + m.complete().size() + m.start().size()) / seconds, "req/s");
        report.add(s, "task completions/s", m.complete().size() / seconds, "/s");
        report.add(s, "todo list p95", todo.p95(), "ms");
        report.add(s, "todo list p99", todo.p99(), "ms");
        report.add(s, "task completion p95", complete.p95(), "ms");
        report.atMost(s, "task completion p99", complete.p99(), "ms", 250);
        report.add(s, "case start (report filed) p99", start.p99(), "ms");
        report.atMost(s, "errors (non-2xx or I/O)", m.errors().get(), "", 0);
        if (!m.firstErrors().isEmpty()) {
            report.note("HTTP errors (first few)", String.join("\n", m.firstErrors().subList(0, Math.min(5, m.firstErrors().size()))));
        }
        report.fact("HTTP requests", String.format("%,d todo lists, %,d completions, %,d case starts in %.0f s",
                m.todo().size(), m.complete().size(), m.start().size(), seconds));
    }

    private String activity() {
        var jdbc = ctx.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
        return "```\n" + String.join("\n", jdbc.query("""
                select state || ' ' || coalesce(wait_event_type || ':' || wait_event, '-') || ' '
                       || round(extract(epoch from clock_timestamp() - query_start) * 1000) || ' ms: ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 160)
                  from pg_stat_activity where state <> 'idle' and pid <> pg_backend_pid() and datname = current_database()
                """, (rs, i) -> rs.getString(1))) + "\n```";
    }

    private void memory(Process portal, Report report) throws Exception {
        long pid = portal.pid();
        String rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).findFirst().orElse("VmRSS: 0 kB");
        double rssMb = Long.parseLong(rss.replaceAll("\\D", "")) / 1024.0;
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        String heapInfo = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher used = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(heapInfo);
        double usedMb = used.find() ? Long.parseLong(used.group(2)) / 1024.0 : Double.NaN;
        double committedMb = used.find(0) ? Long.parseLong(used.group(1)) / 1024.0 : Double.NaN;
        String s = "5 memory";
        report.add(s, "portal heap used after the load", usedMb, "MB");
        report.add(s, "portal heap committed (max 512 MB)", committedMb, "MB");
        report.add(s, "portal RSS after the load", rssMb, "MB");
        report.atMost(s, "portal died or threw OutOfMemoryError", portal.isAlive() ? 0 : 1, "", 0);
    }

    /** One signed-in person with a cookie jar and the session's CSRF token. */
    private final class Client {
        private final String base;
        private final String username;
        private final HttpClient http;
        private String csrf;

        Client(String base, String username) {
            this.base = base;
            this.username = username;
            this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        }

        void login() throws Exception {
            page("/login");
            String form = "username=" + username + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                    + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String location = r.headers().firstValue("Location").orElse("");
            if (r.statusCode() != 302 || location.contains("error")) {
                throw new IllegalStateException(username + " could not sign in: " + r.statusCode() + " " + location);
            }
            page("/tasks"); // the token changes at sign-in; the next page carries the new one
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

        void loop(long deadline, Measured m) {
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> list = timed(m, m.todo(), request("/api/tasks?scope=todo&size=20").GET());
                    if (list == null) {
                        continue;
                    }
                    String review = null;
                    for (JsonNode item : json.readTree(list.body()).path("items")) {
                        if ("report".equals(item.path("process").asText()) && "review".equals(item.path("stepId").asText())) {
                            review = item.path("id").asText();
                            break;
                        }
                    }
                    if (review != null) {
                        timed(m, m.complete(), request("/api/tasks/" + review + "/complete")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"decision\":\"APPROVE\"}}")));
                    } else {
                        timed(m, m.start(), request("/api/cases").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"process\":\"report\",\"data\":{\"title\":\"压测情况报告\",\"content\":\"本月支部工作情况良好。\","
                                        + "\"reportDate\":\"" + LocalDate.now() + "\"}}")));
                    }
                } catch (Exception e) {
                    error(m, e.toString());
                }
            }
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("X-CSRF-TOKEN", csrf);
        }

        private HttpResponse<String> timed(Measured m, List<Long> into, HttpRequest.Builder request) throws Exception {
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - t;
            if (r.statusCode() / 100 != 2) {
                error(m, username + " " + r.request().method() + " " + r.uri().getPath() + " → " + r.statusCode() + " "
                        + r.body().substring(0, Math.min(300, r.body().length())));
                return null;
            }
            into.add(took);
            return r;
        }

        private void error(Measured m, String what) {
            m.errors().incrementAndGet();
            if (m.firstErrors().size() < 20) {
                m.firstErrors().add(what);
            }
        }
    }
}
