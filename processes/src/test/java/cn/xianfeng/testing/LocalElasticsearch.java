package cn.xianfeng.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Elasticsearch started from the unpacked Maven Central zip as a child process of this JVM, with its own
 * config, data and log directories under {@code xianfeng-es-VERSION/runs/<jvm pid>/}. The ports and directories
 * survive {@link #stop()}, so {@link #start()} brings back the same node with the same documents.
 */
final class LocalElasticsearch implements Elasticsearch {

    /** Generous: on a machine shared with other builds a (re)start has taken over two minutes. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("xianfeng.es-start-seconds", 300));
    private static final Pattern HEALTHY = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow)\"");

    private final Path home;
    private final Path run;
    private final int httpPort;
    private final int transportPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private LocalElasticsearch(Path home, Path run, int httpPort, int transportPort) {
        this.home = home;
        this.run = run;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    static LocalElasticsearch launch(Path home) {
        Path runs = home.getParent().resolve("runs");
        removeRunsOfDeadJvms(runs);
        Path run = runs.resolve(Long.toString(ProcessHandle.current().pid()));
        try {
            Files.createDirectories(run.resolve("data"));
            Files.createDirectories(run.resolve("logs"));
            Files.createDirectories(run.resolve("tmp"));
            // A private copy of config: ES writes its keystore there on first start.
            copyTree(home.resolve("config"), run.resolve("config"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // only our own run dir: other JVMs' servers are writing into theirs
        ElasticsearchDistribution.unprivilegedUser().ifPresent(user -> ElasticsearchDistribution.chown(run, user));
        LocalElasticsearch es = new LocalElasticsearch(home, run, Ports.free(), Ports.free());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            es.stop();
            ElasticsearchDistribution.deleteTree(run);
        }, "stop-elasticsearch"));
        es.start();
        return es;
    }

    @Override
    public URI uri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(command()).directory(run.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console().toFile()));
        Map<String, String> env = pb.environment();
        // The integ-test zip bundles no JDK; the one running the tests is recent enough (17+).
        env.putIfAbsent("ES_JAVA_HOME", System.getProperty("java.home"));
        env.put("ES_PATH_CONF", run.resolve("config").toString());
        env.put("ES_TMPDIR", run.resolve("tmp").toString());
        env.put("ES_JAVA_OPTS", "-Xms512m -Xmx512m" + QUICK_JIT);
        Instant started = Instant.now();
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + pb.command(), e);
        }
        awaitHealthy(started);
    }

    /**
     * The server compiles as the tests' own JVM does: with C1 only (the test modules' {@code -XX:TieredStopAtLevel=1})
     * it is up in about a third of the time, which counts at every start and restart of a test run; the bench,
     * which measures Elasticsearch, runs with full compilation and so does its server.
     */
    private static final String QUICK_JIT = java.lang.management.ManagementFactory.getRuntimeMXBean()
            .getInputArguments().contains("-XX:TieredStopAtLevel=1") ? " -XX:TieredStopAtLevel=1" : "";

    private List<String> command() {
        List<String> cmd = new ArrayList<>();
        ElasticsearchDistribution.unprivilegedUser().ifPresent(user ->
                cmd.addAll(List.of("runuser", "-u", ElasticsearchDistribution.unprivilegedUserName(), "--")));
        cmd.add(home.resolve("bin/elasticsearch").toString());
        cmd.addAll(List.of("-p", pidFile().toString()));
        Stream.of(
                "cluster.name=xianfeng-test",
                "node.name=xianfeng-" + ProcessHandle.current().pid(),
                "discovery.type=single-node", // also turns the production bootstrap checks into warnings
                "network.host=127.0.0.1",
                "http.port=" + httpPort,
                "transport.port=" + transportPort,
                "path.data=" + run.resolve("data"),
                "path.logs=" + run.resolve("logs"),
                "xpack.security.enabled=false",
                // busy developer disks would otherwise flip indices to read-only at 95 %
                "cluster.routing.allocation.disk.threshold_enabled=false"
        ).forEach(setting -> cmd.add("-E" + setting));
        return cmd;
    }

    private void awaitHealthy(Instant started) {
        Instant deadline = started.plus(START_TIMEOUT);
        HttpRequest health = HttpRequest.newBuilder(uri().resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw failure("Elasticsearch exited with code " + process.exitValue());
            }
            try {
                // GET / answers 405 in this distribution, so ask for the cluster health instead
                HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && HEALTHY.matcher(r.body()).find()) {
                    System.getLogger(getClass().getName()).log(System.Logger.Level.INFO, "Elasticsearch up at {0} in {1} ms",
                            uri(), Duration.between(started, Instant.now()).toMillis());
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        stop();
        throw failure("Elasticsearch not healthy after " + START_TIMEOUT.toSeconds() + " s");
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        // SIGTERM to the whole tree: runuser does not reliably pass it on, and the CLI launcher and the server
        // are separate JVMs. ES shuts down cleanly on SIGTERM; acknowledged writes are already fsynced.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception slowOrInterrupted) {
                p.destroyForcibly();
            }
        }
        process = null;
    }

    private IllegalStateException failure(String message) {
        return new IllegalStateException(message + " (" + uri() + ", run dir " + run + "). Last log lines:\n"
                + tail(console(), 40));
    }

    private Path console() {
        return run.resolve("console.log");
    }

    private Path pidFile() {
        return run.resolve("es.pid");
    }

    /**
     * Run directories are named after the JVM that owns them. A JVM killed hard leaves its directory, and maybe
     * its server, behind; the next JVM stops such an orphan (by its pid file) and removes the directory.
     */
    private static void removeRunsOfDeadJvms(Path runs) {
        if (!Files.isDirectory(runs)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            dirs.filter(d -> d.getFileName().toString().matches("\\d+"))
                    .filter(d -> ProcessHandle.of(Long.parseLong(d.getFileName().toString())).isEmpty())
                    .forEach(d -> {
                        orphanServer(d).ifPresent(ProcessHandle::destroyForcibly);
                        ElasticsearchDistribution.deleteTree(d);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<ProcessHandle> orphanServer(Path run) {
        try {
            long pid = Long.parseLong(Files.readString(run.resolve("es.pid")).trim());
            // guard against pid reuse: only kill what is still an Elasticsearch server
            return ProcessHandle.of(pid).filter(p -> p.info().commandLine()
                    .map(c -> c.contains("org.elasticsearch")).orElse(false));
        } catch (IOException | NumberFormatException noPidFile) {
            return Optional.empty();
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
