package cn.xianfeng.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What else ran while a one-at-a-time timed workload's slowest requests waited: PostgreSQL's other active backends
 * (autovacuum, the scheduled jobs of either node, the indexer), sampled every few milliseconds on a connection of its
 * own; the jobs' runs from {@code job_run}; the portal's GC pauses (its GC log) and the client's (this JVM's
 * notifications). A p95 of 100 requests is their 5th slowest, so one background pass can set it: this says which.
 */
final class Tail implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 10;
    private static final String ACTIVE = """
            select /* bench-probe */ backend_type, coalesce(usename, ''),
                   left(regexp_replace(query, '\\s+', ' ', 'g'), 48)
              from pg_stat_activity
             where state = 'active' and pid <> pg_backend_pid() and backend_type <> 'walwriter'
               and not (usename = ? and query ~ '^(with tallied|with unmarked|select u.username|select t.org_path|select cache_gen|\
            select code, name|select \\(exists|SELECT S.PRIMARY_ID|select exists|set local|BEGIN|COMMIT|with m as|\
            select d.username, d.from_month|select username, month from dues_paid_month)')""";

    record Request(String label, long startMillis, long nanos) {
        long endMillis() {
            return startMillis + nanos / 1_000_000 + 1;
        }
    }

    private record Seen(long atMillis, String what) {
    }

    record Pause(long startMillis, double millis, String who) {
    }

    private final BenchPostgres pg;
    private final Path portalGcLog;
    private final List<Request> requests = new ArrayList<>();
    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Pause> clientPauses = new ConcurrentLinkedQueue<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener gcListener = this::clientGc;
    private final Thread sampler;
    private volatile boolean running = true;
    private final long began = System.currentTimeMillis();

    Tail(BenchPostgres pg, Path portalGcLog) {
        this.pg = pg;
        this.portalGcLog = portalGcLog;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(gcListener, null, null);
                emitters.add(e);
            }
        }
        sampler = new Thread(this::sample, "bench-tail-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Times one request: {@code call} runs it. */
    <T> T request(String label, java.util.function.Supplier<T> call) {
        long start = System.currentTimeMillis();
        long t = System.nanoTime();
        try {
            return call.get();
        } finally {
            synchronized (requests) {
                requests.add(new Request(label, start, System.nanoTime() - t));
            }
        }
    }

    private void sample() {
        try (Connection c = pg.connect()) {
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement(ACTIVE)) {
                s.setString(1, BenchPostgres.PORTAL_ROLE);
                while (running) {
                    long at = System.currentTimeMillis();
                    BenchPostgres.SIDE_TRANSACTIONS.incrementAndGet();
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            String role = rs.getString(2);
                            String who = rs.getString(1).equals("client backend")
                                    ? (role.equals(BenchPostgres.PORTAL_ROLE) ? "portal" : "bench") : rs.getString(1);
                            seen.add(new Seen(at, who + ": " + rs.getString(3)));
                        }
                    }
                    Thread.sleep(SAMPLE_MILLIS);
                }
            }
        } catch (SQLException | InterruptedException e) {
            seen.add(new Seen(System.currentTimeMillis(), "sampler stopped: " + e.getMessage()));
        }
    }

    private void clientGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        clientPauses.add(new Pause(jvmStart + info.getGcInfo().getStartTime(), info.getGcInfo().getDuration(),
                "client GC " + info.getGcAction().replace("end of ", "")));
    }

    // [2026-12-02T06:58:38.123+0000][...] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 150M->50M(380M) 8.123ms
    private static final Pattern PORTAL_PAUSE = Pattern.compile(
            "^\\[([^\\]]+)\\].*GC\\(\\d+\\) (Pause \\w+).*?([0-9.]+)ms$");
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private List<Pause> portalPauses() throws IOException {
        List<Pause> out = new ArrayList<>();
        if (!Files.exists(portalGcLog)) {
            return out;
        }
        for (String line : Files.readAllLines(portalGcLog)) {
            pause(line).ifPresent(out::add);
        }
        return out;
    }

    /** A pause from a line of a GC log written with the utctime decoration first; empty for other lines. */
    static java.util.Optional<Pause> pause(String line) {
        Matcher m = PORTAL_PAUSE.matcher(line);
        if (!m.find()) {
            return java.util.Optional.empty();
        }
        double ms = Double.parseDouble(m.group(3));
        // the line is written as the pause ends
        long end = OffsetDateTime.parse(m.group(1), UTC_TIME).toInstant().toEpochMilli();
        return java.util.Optional.of(new Pause(end - (long) Math.ceil(ms), ms, "portal GC " + m.group(2).trim()));
    }

    /** The {@code slowest} requests, each with what overlapped it, as a markdown table; the sampler stops. */
    String markdown(int slowest) throws Exception {
        close();
        List<Request> all;
        synchronized (requests) {
            all = new ArrayList<>(requests);
        }
        List<Pause> pauses = new ArrayList<>(portalPauses());
        pauses.addAll(clientPauses);
        List<String[]> jobs = jobRuns();
        StringBuilder md = new StringBuilder(String.format("%d requests, PostgreSQL's active backends sampled every "
                + "%d ms (the portal's own 谁欠谁 and dues statements apart), jobs from job_run, GC pauses of both JVMs."
                + "%n%n", all.size(),
                SAMPLE_MILLIS));
        md.append(perLabel(all));
        md.append("| at (s into the window) | request | ms | GC pauses | job runs | other PostgreSQL work seen |\n"
                + "|---|---|---|---|---|---|\n");
        int overlapped = 0;
        List<Request> worst = all.stream().sorted(Comparator.comparingLong(Request::nanos).reversed()).limit(slowest)
                .toList();
        for (Request r : worst) {
            Set<String> gc = new TreeSet<>();
            for (Pause p : pauses) {
                if (p.startMillis() <= r.endMillis() && p.startMillis() + p.millis() >= r.startMillis()) {
                    gc.add(String.format("%s %.1f ms", p.who(), p.millis()));
                }
            }
            Set<String> job = new TreeSet<>();
            for (String[] j : jobs) {
                long start = Long.parseLong(j[1]);
                long end = j[2] == null ? Long.MAX_VALUE : Long.parseLong(j[2]);
                if (start <= r.endMillis() && end >= r.startMillis()) {
                    job.add(j[0] + " (" + (end == Long.MAX_VALUE ? "running" : (end - start) + " ms") + ")");
                }
            }
            Set<String> other = new TreeSet<>();
            for (Seen s : seen) {
                if (s.atMillis() >= r.startMillis() && s.atMillis() <= r.endMillis()) {
                    other.add(s.what().replace('|', '/'));
                }
            }
            if (!gc.isEmpty() || !job.isEmpty() || !other.isEmpty()) {
                overlapped++;
            }
            md.append(String.format("| %.2f | %s | %.1f | %s | %s | %s |%n", (r.startMillis() - began) / 1000.0,
                    r.label(),
                    r.nanos() / 1e6,
                    String.join("; ", gc), String.join("; ", job), String.join("; ", other)));
        }
        md.append(String.format("%nOf the %d slowest, %d overlapped other work.%n", worst.size(), overlapped));
        return md.toString();
    }

    /** Per request label: count, p50, p95 and the slowest, in ms. */
    private static String perLabel(List<Request> all) {
        java.util.Map<String, List<Long>> by = new java.util.TreeMap<>();
        all.forEach(r -> by.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r.nanos()));
        StringBuilder md = new StringBuilder("| request | count | p50 ms | p95 ms | slowest ms |\n"
                + "|---|---|---|---|---|\n");
        by.forEach((label, nanos) -> {
            Stats st = Stats.ofNanos(nanos);
            md.append(String.format("| %s | %d | %.1f | %.1f | %.1f |%n", label, nanos.size(), st.p50(), st.p95(),
                    nanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6));
        });
        return md.append('\n').toString();
    }

    private List<String[]> jobRuns() throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Connection c = pg.connect(); PreparedStatement s = c.prepareStatement("""
                select /* bench-probe */ name || ' on ' || node, (extract(epoch from started_at) * 1000)::bigint,
                       (extract(epoch from finished_at) * 1000)::bigint
                  from job_run where coalesce(finished_at, now()) >= to_timestamp(? / 1000.0)""")) {
            BenchPostgres.SIDE_TRANSACTIONS.incrementAndGet();
            s.setLong(1, began);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        if (!running) {
            return;
        }
        running = false;
        sampler.join(5_000);
        for (NotificationEmitter e : emitters) {
            e.removeNotificationListener(gcListener);
        }
    }
}
