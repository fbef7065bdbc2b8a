package cn.xianfeng.bench;

import cn.xianfeng.testing.RealServices.Database;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portal jar as a process of its own, configured as in production: {@code -Xmx512m}, not the demo, Elasticsearch
 * for search, a database role of its own (so that PostgreSQL counts its statements apart), GC logged to a file (the
 * heap's peak is read from it, at no cost to the process).
 */
final class PortalProcess implements AutoCloseable {

    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    final String base;
    final double startSeconds;
    private final Process process;
    private final Path log;
    private final Path gcLog;

    PortalProcess(Path portalJar, Path work, Database db, String elasticsearchUris, String index) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(work);
        log = work.resolve("portal.log");
        gcLog = work.resolve("portal-gc.log");
        Files.deleteIfExists(gcLog);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // JFR set up as the JVM starts, by a recording of no events: the first JFR.start in a running JVM (the bench
        // profiles each HTTP window) made every compiled method not entrant (11,377 at once, seen in jdk.SweepCodeCache),
        // and the compilers then took 11.5 ms of CPU per completion inside the timed window, while nothing in
        // production starts a recording
        Path noEvents = work.resolve("jfr-no-events.jfc");
        Files.writeString(noEvents, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration version=\"2.0\"/>\n");
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx512m",
                Bench.C1_ONLY ? "-XX:TieredStopAtLevel=1" : "-Xshare:auto", "-Xlog:gc:file=" + gcLog + ":utctime,uptime,level,tags",
                "-XX:StartFlightRecording=name=at-start,settings=" + noEvents));
        // -Dxianfeng.bench.portal-jvm="-XX:... -XX:...": options to try on the portal's JVM (a profile, a flag)
        for (String option : System.getProperty("xianfeng.bench.portal-jvm", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-jar", portalJar.toString(),
                "--server.port=" + port, "--xianfeng.demo=false", "--xianfeng.data-dir=" + work.resolve("data"),
                "--xianfeng.public-url=https://xianfeng.bench.example",
                // production mode makes the session cookie Secure; the clients talk plain HTTP to 127.0.0.1
                "--xianfeng.cookie.secure=false",
                "--xianfeng.elasticsearch.uris=" + elasticsearchUris, "--xianfeng.elasticsearch.index=" + index,
                "--xianfeng.meeting.compliance-initial-delay=PT24H", "--management.endpoints.web.exposure.include=health"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPRING_DATASOURCE_URL", db.jdbcUrl());
        pb.environment().put("SPRING_DATASOURCE_USERNAME", db.username());
        pb.environment().put("SPRING_DATASOURCE_PASSWORD", db.password());
        pb.environment().put("XIANFENG_ADMIN_PASSWORD", "bench-admin-" + System.nanoTime());
        process = pb.start();
        base = "http://127.0.0.1:" + port;
        try {
            startSeconds = awaitHealthy();
        } catch (Exception | Error e) {
            // no one else holds the process yet: a failed start must not leave it running
            close();
            throw e;
        }
    }

    /** The portal's GC log (each line stamped with UTC time and uptime). */
    Path gcLog() {
        return gcLog;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** CPU time (user + system) the portal process used so far, in seconds (from /proc/<pid>/stat). */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime), counted from the state field (3) here
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** The peak resident set size so far (VmHWM) and the current one (VmRSS), in MB. */
    double[] rssMb() throws IOException {
        List<String> status = Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"));
        return new double[] {kb(status, "VmHWM:") / 1024.0, kb(status, "VmRSS:") / 1024.0};
    }

    private static long kb(List<String> status, String field) {
        return status.stream().filter(l -> l.startsWith(field)).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
    }

    /** From the GC log: the largest heap occupancy before a collection and the largest committed heap, in MB. */
    double[] heapPeakMb() throws IOException {
        double peak = 0;
        double committed = 0;
        if (Files.exists(gcLog)) {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                    committed = Math.max(committed, Long.parseLong(m.group(3)));
                }
            }
        }
        return new double[] {peak, committed};
    }

    /** {@code jcmd GC.heap_info}: the heap used now, in MB. */
    double heapUsedNowMb() throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(process.pid()), "GC.heap_info").redirectErrorStream(true).start();
        String heapInfo = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher used = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(heapInfo);
        return used.find() ? Long.parseLong(used.group(2)) / 1024.0 : Double.NaN;
    }

    void threadDump(Path into) throws Exception {
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
                .redirectOutput(into.toFile()).start().waitFor();
    }

    private double awaitHealthy() throws Exception {
        long t = System.nanoTime();
        HttpClient http = HttpClient.newHttpClient();
        while (System.nanoTime() - t < Duration.ofMinutes(10).toNanos()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the portal exited: " + tail());
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
        throw new IllegalStateException("the portal did not become healthy in 10 min: " + tail());
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
