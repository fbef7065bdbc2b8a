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

/** Run with {@code -Daudit.speed=true}: writes 100k valid events straight into the tables and times verify(). */
@EnabledIfSystemProperty(named = "audit.speed", matches = "true")
class AuditVerificationSpeedTest extends AuditTestSupport {

    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void verifiesAHundredThousandEvents() {
        int chains = 2_000;
        int perChain = 50;
        EventHashing hashing = new EventHashing();
        CanonicalJson canonicalJson = new CanonicalJson();
        Instant at = EventHashing.storable(Instant.now());
        String sql = """
                insert into audit_event (chain, seq, at, actor, org_code, action, case_id, task_id, step_id, data,
                                         comment, source_address, data_digest, prev_hash, hash)
                values (?, ?, ?, 'zhangsan', 'B001', 'TASK_COMPLETE', ?, ?, 'step07', cast(? as jsonb),
                        'ok', '10.0.0.1', ?, ?, ?)""";
        for (int c = 0; c < chains; c++) {
            String chain = "speed-" + c;
            String prev = EventHashing.GENESIS;
            List<Object[]> batch = new ArrayList<>(perChain);
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
            jdbc.batchUpdate(sql, batch);
            jdbc.update("insert into audit_chain_head (chain, seq, hash) values (?, ?, ?)", chain, perChain, prev);
        }
        long total = jdbc.queryForObject("select count(*) from audit_event", Long.class);

        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            AuditVerification verification = trail.verify();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(verification.firstBroken()).isNull();
            assertThat(verification.events()).isEqualTo(total);
            System.out.printf("audit verify: %d events in %.3f s = %.0f events/s%n", total, seconds, total / seconds);
        }
    }
}
