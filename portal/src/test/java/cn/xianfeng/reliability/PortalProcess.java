package cn.xianfeng.reliability;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The portal as a separate JVM (the test's own class path, {@code -Xmx512m}), so that it can be killed with
 * SIGKILL while the database, in the test's JVM, lives on.
 */
final class PortalProcess implements AutoCloseable {

    /**
     * The resource lock of the tests that start portals of their own: they run one after another, beside the
     * Spring-context tests (junit-platform.properties), and holding a lock keeps each one's methods in its thread.
     */
    static final String LANE = "portal-processes";

    /** 360 s (a first start on the embedded default on a loaded 2-core machine); more: -Dxianfeng.portal.start-timeout=600. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("xianfeng.portal.start-timeout", 360));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final int port;
    private final Process process;
    private final Path log;

    private PortalProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the portal and returns once it reports itself healthy. */
    static PortalProcess start(int port, Map<String, String> env, List<String> args, Path log) {
        try {
            Files.createDirectories(log.getParent());
            // the class path of a surefire fork is long: hand it over in an argument file
            Path argFile = Files.createTempFile("xianfeng-portal", ".args");
            Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path") + "\"\n", StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // C1 only: these portals live a minute or two on two shared cores, where C2's compile threads
                    // cost more start-up time than its faster code gives back
                    "-Xmx512m", "-XX:TieredStopAtLevel=1", "@" + argFile, "cn.xianfeng.XianfengApplication",
                    "--server.port=" + port));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            PortalProcess portal = new PortalProcess(port, pb.start(), log);
            portal.awaitHealthy();
            return portal;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL (destroyForcibly on Linux): no shutdown hook, no graceful close of connections. */
    void kill() throws Exception {
        long pid = process.pid();
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
        if (process.isAlive() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            throw new AssertionError("portal " + pid + " still alive after SIGKILL");
        }
        if (process.exitValue() != 137) {
            throw new AssertionError("portal " + pid + " exited with " + process.exitValue() + ", not by SIGKILL (137)");
        }
    }

    /** SIGTERM (destroy on Linux), without waiting: what a service manager sends to stop the portal. */
    void terminate() {
        process.destroy();
    }

    /** Whether the process ended within {@code limit}. */
    boolean awaitExit(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("portal exited with " + process.exitValue() + "; log " + log);
            }
            try {
                if (HTTP.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("portal not healthy after " + START_TIMEOUT.toSeconds() + " s; log " + log);
    }

    static int freePort() {
        return cn.xianfeng.testing.Ports.free();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
