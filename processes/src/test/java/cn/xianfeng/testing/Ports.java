package cn.xianfeng.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the servers the tests start. A server that is stopped and started again on the same port (Elasticsearch
 * and PostgreSQL in the outage tests, whose clients hold the address) needs one outside the kernel's ephemeral range:
 * one from that range may meanwhile become the local end of any outgoing connection, and the restart then fails with
 * "address already in use".
 */
public final class Ports {

    private Ports() {
    }

    /** A port free now, below the ephemeral range where the system has one (else any free port). */
    public static int free() {
        int below = ephemeralLow();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; below > 11_000 && attempt < 50; attempt++) {
            int port = random.nextInt(10_000, below);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // another one
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int ephemeralLow() {
        // read as a stream: procfs reports a size that Files.readString trusts (it returned "3")
        try (java.io.InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            return Integer.parseInt(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim()
                    .split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
    }
}
