package cn.xianfeng.testing;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PortsTest {

    @Test
    void aServersPortIsFreeAndOutsideTheEphemeralRange() throws Exception {
        assumeTrue(Ports.ephemeralLow() > 11_000, "a Linux kernel with the usual ephemeral range");
        for (int i = 0; i < 20; i++) {
            int port = Ports.free();
            assertThat(port).isBetween(10_000, Ports.ephemeralLow() - 1);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(s.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
