package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a reverse proxy the client's address comes from {@code X-Forwarded-For}, but only when the request comes
 * from a trusted proxy. Here the trusted proxy is 127.0.0.2 (XIANFENG_TRUSTED_PROXIES in production); requests are
 * sent from a socket bound to 127.0.0.2 (the proxy) or to 127.0.0.1 (a client talking to the node directly). The
 * intake limiter and the auditors' read log record what the node believed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.2",
        "xianfeng.complaints.intake-limit=2"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class ForwardedAddressTest {

    static final String PROXY = "127.0.0.2";
    static final String DIRECT = "127.0.0.1";
    static final String COMPLAINT = "{\"category\":\"COMMUNITY_SERVICE\",\"title\":\"路灯\",\"content\":\"路灯不亮\",\"anonymous\":true}";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theIntakeLimiterCountsTheForwardedClientOnlyBehindATrustedProxy() throws Exception {
        // through the proxy: two clients, each within its own limit of 2
        for (String client : new String[]{"203.0.113.7", "203.0.113.8"}) {
            assertThat(status(send(PROXY, "POST", "/api/public/complaints", client, null, COMPLAINT))).isEqualTo(201);
            assertThat(status(send(PROXY, "POST", "/api/public/complaints", client, null, COMPLAINT))).isEqualTo(201);
        }
        assertThat(status(send(PROXY, "POST", "/api/public/complaints", "203.0.113.7", null, COMPLAINT)))
                .as("the third from one forwarded client").isEqualTo(429);
        assertThat(intakes("203.0.113.7")).isEqualTo(2);
        assertThat(intakes("203.0.113.8")).isEqualTo(2);
        assertThat(intakes(PROXY)).as("the proxy's own address is not the client's").isZero();

        // directly: a forged header changes nothing, each new value still counts against the real address
        assertThat(status(send(DIRECT, "POST", "/api/public/complaints", "198.51.100.1", null, COMPLAINT))).isEqualTo(201);
        assertThat(status(send(DIRECT, "POST", "/api/public/complaints", "198.51.100.2", null, COMPLAINT))).isEqualTo(201);
        assertThat(status(send(DIRECT, "POST", "/api/public/complaints", "198.51.100.3", null, COMPLAINT)))
                .as("rotating a forged X-Forwarded-For does not escape the limit").isEqualTo(429);
        assertThat(intakes(DIRECT)).isEqualTo(2);
        assertThat(intakes("198.51.100.1") + intakes("198.51.100.2") + intakes("198.51.100.3")).isZero();

        // a client that forges the header through the proxy: the proxy appends the real address, which wins
        assertThat(status(send(PROXY, "POST", "/api/public/complaints", "10.9.9.9, 203.0.113.9", null, COMPLAINT)))
                .isEqualTo(201);
        assertThat(intakes("203.0.113.9")).isEqualTo(1);
        assertThat(intakes("10.9.9.9")).isZero();
    }

    @Test
    void theAuditorsReadLogRecordsTheForwardedAddressOnlyBehindATrustedProxy() throws Exception {
        String caseId = jdbc.queryForObject("select id from case_record order by started_at limit 1", String.class);
        String basic = "Basic " + Base64.getEncoder().encodeToString("huangli:demo-2026".getBytes(StandardCharsets.UTF_8));
        assertThat(status(send(PROXY, "GET", "/api/cases/" + caseId, "192.0.2.44", basic, null))).isEqualTo(200);
        assertThat(status(send(DIRECT, "GET", "/api/cases/" + caseId, "192.0.2.45", basic, null))).isEqualTo(200);
        assertThat(jdbc.queryForList("select source_address from audit_read where actor = 'huangli' and case_id = ? order by id",
                String.class, caseId)).containsExactly("192.0.2.44", DIRECT);
    }

    private long intakes(String address) {
        return jdbc.queryForObject("select count(*) from complaint_intake where address = ?", Long.class, address);
    }

    /** One HTTP/1.1 request from a socket bound to {@code from}; the whole reply. */
    private String send(String from, String method, String path, String forwardedFor, String authorization, String json)
            throws Exception {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\nX-Forwarded-For: " + forwardedFor + "\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (json != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName(DIRECT), port), 5000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            in.transferTo(reply);
            return reply.toString(StandardCharsets.UTF_8);
        }
    }

    private static int status(String reply) {
        assertThat(reply).startsWith("HTTP/1.1 ");
        return Integer.parseInt(reply.substring(9, 12));
    }
}
