package cn.xianfeng.reliability;

import cn.xianfeng.reliability.EmbeddedPortal.Started;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 "Also": SIGTERM to the portal on its embedded default while requests are in flight. Three 情况报告
 * filings have sent their headers and half their body when the signal arrives: they complete (201); a new
 * connection is refused at once rather than left hanging; the process exits within 30 s, the embedded PostgreSQL
 * stopped after the application's connection pool, and no server process is left behind.
 */
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.parallel.ResourceLock(PortalProcess.LANE)
class GracefulShutdownTest {

    static final Path DATA = Path.of("target", "graceful-shutdown", "data").toAbsolutePath();
    static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void sigtermFinishesInFlightRequestsRefusesNewOnesAndStopsThePostgresLast() throws Exception {
        LegacyDataDirectory.deleteRecursively(DATA.getParent());
        Started started = EmbeddedPortal.start(DATA, DATA.resolveSibling("portal.log"));
        PortalProcess portal = started.portal();
        List<Socket> inFlight = new ArrayList<>();
        try {
            byte[] body = ("{\"process\":\"report\",\"subject\":\"停机时在途\",\"data\":{\"title\":\"学习情况\","
                    + "\"content\":\"已完成\",\"reportDate\":\"2020-01-02\"}}").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3; i++) {
                inFlight.add(halfSent(portal.port, body));
            }
            // the server has the headers and is reading the body: the requests are in its hands
            PortalProcess.sleep(1000);

            long signalled = System.nanoTime();
            portal.terminate();
            Duration refusedAfter = untilNewConnectionsAreRefused(portal.port, signalled);
            for (Socket s : inFlight) {
                s.getOutputStream().write(body, body.length / 2, body.length - body.length / 2);
                s.getOutputStream().flush();
            }
            for (Socket s : inFlight) {
                String status = statusLine(s);
                assertThat(status).as("an in-flight filing after SIGTERM").startsWith("HTTP/1.1 201");
            }
            assertThat(portal.awaitExit(LIMIT.minus(Duration.ofNanos(System.nanoTime() - signalled))))
                    .as("the portal exits within %s of SIGTERM", LIMIT).isTrue();
            Duration exitedAfter = Duration.ofNanos(System.nanoTime() - signalled);
            System.out.printf("graceful shutdown: new connections refused after %d ms, exit after %d ms%n",
                    refusedAfter.toMillis(), exitedAfter.toMillis());

            assertThat(Files.exists(DATA.resolve("postgres").resolve("postmaster.pid")))
                    .as("the embedded PostgreSQL stopped (postmaster.pid removed)").isFalse();
            assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                    .map(c -> c.contains(DATA.resolve("postgres").toString())).orElse(false)).toList())
                    .as("processes left on the data directory").isEmpty();
            String log = Files.readString(portal.log(), StandardCharsets.UTF_8);
            int poolClosed = log.indexOf("xianfeng-embedded - Shutdown completed");
            int postgresStopped = log.indexOf("shut down postmaster");
            assertThat(poolClosed).as("the pool closed").isPositive();
            assertThat(postgresStopped).as("PostgreSQL stopped after the application's pool").isGreaterThan(poolClosed);
            assertThat(log).doesNotContain("Failed to validate connection").doesNotContain("CannotCreateTransactionException");
        } finally {
            for (Socket s : inFlight) {
                s.close();
            }
            portal.close();
        }
    }

    /** POST /api/cases with its headers and the first half of its body sent, as a slow client does. */
    private static Socket halfSent(int port, byte[] body) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout((int) LIMIT.toMillis());
        String auth = Base64.getEncoder().encodeToString(("zhaoliu:" + PortalClient.DEMO).getBytes(StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        out.write(("POST /api/cases HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + auth
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length / 2);
        out.flush();
        return s;
    }

    /** Polls with fresh connections: once shutdown began, a connection is refused, never left waiting. */
    private static Duration untilNewConnectionsAreRefused(int port, long signalled) throws IOException {
        long deadline = signalled + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                probe.setSoTimeout(5000);
                probe.getOutputStream().write("GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String status = statusLine(probe);
                // answered before the connector closed, or told to go away: both clean
                assertThat(status).as("a request right after SIGTERM").matches("HTTP/1.1 (200|503).*|");
            } catch (java.net.SocketException refused) {
                // refused, or accepted by the closing connector's backlog and reset: either way not left waiting
                return Duration.ofNanos(System.nanoTime() - signalled);
            } catch (SocketTimeoutException hanging) {
                throw new AssertionError("a new connection after SIGTERM was left hanging", hanging);
            }
            PortalProcess.sleep(100);
        }
        throw new AssertionError("new connections still accepted 10 s after SIGTERM");
    }

    private static String statusLine(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        return line.toString().strip();
    }
}
