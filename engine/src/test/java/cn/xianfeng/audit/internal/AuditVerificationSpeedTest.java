package cn.xianfeng.audit.internal;

import cn.xianfeng.audit.AuditTestSupport;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.audit.AuditVerification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run with {@code -Daudit.speed=true}: writes valid events straight into the tables, anchors them, and times
 * verify() warm over the whole store, in two shapes: long chains (50 events a case) and many short ones (5 events
 * a case, as the bench's store has them, where whatever a chain costs beyond its events shows).
 */
@EnabledIfSystemProperty(named = "audit.speed", matches = "true")
class AuditVerificationSpeedTest extends AuditTestSupport {

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditAnchorJob anchors;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void verifiesLongAndShortChains() {
        write("speed-long-", 2_000, 50);
        anchors.anchor();
        time("long chains, 50 events each");
        write("speed-short-", 20_000, 5);
        anchors.anchor();
        time("plus short chains, 5 events each");
    }

    private void time(String shape) {
        long total = jdbc.queryForObject("select count(*) from audit_event", Long.class);
        long chains = jdbc.queryForObject("select count(*) from audit_chain_head", Long.class);
        trail.verify(); // warm-up
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 5; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            AuditVerification verification = trail.verify();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            assertThat(verification.firstBroken()).isNull();
            assertThat(verification.events()).isEqualTo(total);
            // the calling thread's CPU time says what the check costs in Java, whatever else the machine runs
            System.out.printf("audit verify (%s): %d events in %d chains in %.3f s = %.0f events/s; calling thread's "
                            + "CPU %.3f s = %.0f events per CPU-second; load %s%n", shape, total, chains, seconds,
                    total / seconds, cpuSeconds, total / cpuSeconds, load());
        }
    }

    private void write(String prefix, int chains, int perChain) {
        EventHashing hashing = new EventHashing();
        CanonicalJson canonicalJson = new CanonicalJson();
        Instant at = EventHashing.storable(Instant.now());
        String sql = """
                insert into audit_event (chain, seq, at, actor, org_code, action, case_id, task_id, step_id, data,
                                         comment, source_address, data_digest, prev_hash, hash)
                values (?, ?, ?, 'zhangsan', 'B001', 'TASK_COMPLETE', ?, ?, 'step07', cast(? as jsonb),
                        'ok', '10.0.0.1', ?, ?, ?)""";
        List<Object[]> batch = new ArrayList<>();
        List<Object[]> heads = new ArrayList<>();
        for (int c = 0; c < chains; c++) {
            String chain = prefix + c;
            String prev = EventHashing.GENESIS;
            for (int s = 1; s <= perChain; s++) {
                String data = canonicalJson.canonical("{\"decision\":\"APPROVE\",\"reason\":\"按期转正\",\"yes\":"
                        + s + ",\"no\":1,\"entitled\":30,\"meetingDate\":\"2024-05-01\"}");
                String digest = hashing.dataDigest(data);
                String hash = hashing.eventHash(chain, s, at, "zhangsan", "B001", "TASK_COMPLETE", chain, "t" + s,
                        "step07", digest, "ok", "10.0.0.1", prev);
                batch.add(new Object[]{chain, s, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), chain, "t" + s, data,
                        digest, prev, hash});
                prev = hash;
            }
            heads.add(new Object[]{chain, perChain, prev});
            if (batch.size() >= 5_000) {
                jdbc.batchUpdate(sql, batch);
                batch.clear();
            }
        }
        jdbc.batchUpdate(sql, batch);
        jdbc.batchUpdate("insert into audit_chain_head (chain, seq, hash) values (?, ?, ?)", heads);
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
