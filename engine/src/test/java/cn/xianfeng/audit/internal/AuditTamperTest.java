package cn.xianfeng.audit.internal;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditEvent;
import cn.xianfeng.audit.AuditTestSupport;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.audit.AuditVerification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A superuser bypasses the triggers ({@code session_replication_role = replica}) and tampers; verification must
 * name the right event and reason. Each tampering happens in a transaction that is rolled back after verifying,
 * so the tests share one database.
 */
class AuditTamperTest extends AuditTestSupport {

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditAnchorJob anchors;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    String caseId;
    List<AuditEvent> events;

    @BeforeEach
    void fourEventsInOneCase() {
        assertThat(trail.verify().valid()).as("store intact before tampering").isTrue();
        caseId = UUID.randomUUID().toString();
        for (AuditAction action : List.of(AuditAction.CASE_STARTED, AuditAction.TASK_CLAIMED, AuditAction.TASK_COMPLETED,
                AuditAction.COMMENTED)) {
            trail.record(new AuditEntry("zhangsan", "B001", action, caseId, "t1", "step01",
                    Map.of("decision", "APPROVE", "n", 1), "comment " + action, "10.0.0.1"));
        }
        // unrelated chains around it must not hide or blur the damage
        trail.record(new AuditEntry("lisi", null, AuditAction.CASE_STARTED, UUID.randomUUID().toString(), null, null,
                null, null, null));
        events = trail.forCase(caseId);
        assertThat(events).hasSize(4);
    }

    @Test
    void editedActor() {
        assertBroken(tampered(db -> db.update("update audit_event set actor = 'mallory' where id = ?", id(2))),
                id(2), "hash mismatch");
    }

    @Test
    void editedData() {
        assertBroken(tampered(db -> db.update(
                        "update audit_event set data = jsonb_set(data, '{decision}', '\"REJECT\"') where id = ?", id(2))),
                id(2), "data digest mismatch");
    }

    @Test
    void editedDataWithARecomputedDigest() {
        String forged = new CanonicalJson().canonical("{\"decision\":\"REJECT\",\"n\":1}");
        String digest = new EventHashing().dataDigest(forged);
        assertBroken(tampered(db -> db.update("update audit_event set data = cast(? as jsonb), data_digest = ? where id = ?",
                forged, digest, id(3))), id(3), "hash mismatch");
    }

    @Test
    void deletedMiddleRow() {
        assertBroken(tampered(db -> db.update("delete from audit_event where id = ?", id(2))),
                id(3), "sequence gap");
    }

    @Test
    void deletedFirstRow() {
        assertBroken(tampered(db -> db.update("delete from audit_event where id = ?", id(1))),
                id(2), "sequence gap");
    }

    @Test
    void deletedLastRow() {
        assertBroken(tampered(db -> db.update("delete from audit_event where id = ?", id(4))),
                id(3), "head mismatch");
    }

    @Test
    void deletedLastRowWithTheHeadRewoundIsCaughtByTheAnchor() {
        assertThat(anchors.anchor()).isTrue();
        AuditVerification result = tampered(db -> {
            db.update("delete from audit_event where id = ?", id(4));
            db.update("update audit_chain_head set seq = 3, hash = ? where chain = ?", events.get(2).hash(), caseId);
        });
        assertBroken(result, id(3), "head mismatch");
    }

    @Test
    void rewindingTheAnchoredHeadsToo_breaksTheAnchorDigest() {
        assertThat(anchors.anchor()).isTrue();
        AuditVerification result = tampered(db -> {
            db.update("delete from audit_event where id = ?", id(4));
            db.update("update audit_chain_head set seq = 3, hash = ? where chain = ?", events.get(2).hash(), caseId);
            db.update("update audit_anchor_head set seq = 3, hash = ? where chain = ?", events.get(2).hash(), caseId);
        });
        assertBroken(result, 0, "anchor mismatch");
    }

    @Test
    void forgedRowAppendedWithAValidHashButNoHead() {
        long[] forgedId = new long[1];
        AuditVerification result = tampered(db -> forgedId[0] = insertForged(db, 5, events.get(3).hash()));
        assertBroken(result, forgedId[0], "head mismatch");
    }

    @Test
    void forgedRowInsertedInTheMiddle() {
        AuditVerification result = tampered(db -> {
            db.update("update audit_event set seq = 5 where id = ?", id(4));
            db.update("update audit_event set seq = 4 where id = ?", id(3));
            long forged = insertForged(db, 3, events.get(1).hash());
            assertThat(forged).isGreaterThan(id(4));
        });
        // the forged row itself is consistent; the original row it displaced is now out of order
        assertBroken(result, id(3), "sequence out of order");
    }

    @Test
    void forgedRowWithAWrongPreviousHash() {
        long[] forgedId = new long[1];
        AuditVerification result = tampered(db -> {
            forgedId[0] = insertForged(db, 5, "f".repeat(64));
            db.update("update audit_chain_head set seq = 5, hash = (select hash from audit_event where id = ?) "
                    + "where chain = ?", forgedId[0], caseId);
        });
        assertBroken(result, forgedId[0], "previous hash mismatch");
    }

    @Test
    void twoRowsWithSwappedSequenceNumbers() {
        AuditVerification result = tampered(db -> {
            db.update("update audit_event set seq = 1000 where id = ?", id(2));
            db.update("update audit_event set seq = 2 where id = ?", id(3));
            db.update("update audit_event set seq = 3 where id = ?", id(2));
        });
        assertBroken(result, id(2), "sequence out of order");
    }

    @Test
    void twoRowsWithSwappedContents() {
        AuditVerification result = tampered(db -> {
            db.update("update audit_event set seq = -seq where id in (?, ?)", id(2), id(3));
            // one statement, so both rows read the other's content as it was before
            db.update("""
                    update audit_event e set seq = -o.seq, at = o.at, actor = o.actor, action = o.action,
                        data = o.data, comment = o.comment, data_digest = o.data_digest, prev_hash = o.prev_hash,
                        hash = o.hash
                    from audit_event o where (e.id = ? and o.id = ?) or (e.id = ? and o.id = ?)""",
                    id(2), id(3), id(3), id(2));
            assertThat(db.queryForObject("select seq from audit_event where id = ?", Long.class, id(2))).isEqualTo(3);
        });
        assertBroken(result, id(2), "sequence out of order");
    }

    @Test
    void aCaseReadWithItsCheckGivesTheCaseEventsAndTheChainCheckOfOneRead() {
        var checked = trail.checkedCase(caseId);
        assertThat(checked.events()).isEqualTo(trail.forCase(caseId));
        assertThat(checked.verification()).isEqualTo(trail.verifyChain(caseId));
        assertThat(checked.verification().valid()).isTrue();
        assertThat(checked.verification().events()).isEqualTo(4);
        assertThat(trail.checkedCase("no-such-case").verification()).isEqualTo(new AuditVerification(true, 0, null));
    }

    @Test
    void aCaseReadWithItsCheckFindsWhatTheChainCheckFinds() {
        List<Consumer<JdbcTemplate>> tamperings = List.of(
                db -> db.update("update audit_event set data = jsonb_set(data, '{decision}', '\"REJECT\"') where id = ?", id(2)),
                db -> db.update("update audit_event set actor = 'mallory' where id = ?", id(3)),
                db -> db.update("delete from audit_event where id = ?", id(2)),
                db -> db.update("delete from audit_event where id = ?", id(4)),
                db -> db.update("delete from audit_event where chain = ?", caseId));
        List<AuditVerification.Broken> expected = List.of(new AuditVerification.Broken(id(2), "data digest mismatch"),
                new AuditVerification.Broken(id(3), "hash mismatch"), new AuditVerification.Broken(id(3), "sequence gap"),
                new AuditVerification.Broken(id(3), "head mismatch"), new AuditVerification.Broken(0, "head mismatch"));
        for (int i = 0; i < tamperings.size(); i++) {
            Consumer<JdbcTemplate> tampering = tamperings.get(i);
            AuditVerification[] both = transactions.execute(status -> {
                jdbc.execute("set local session_replication_role = replica");
                tampering.accept(jdbc);
                AuditVerification[] r = {trail.checkedCase(caseId).verification(), trail.verifyChain(caseId)};
                status.setRollbackOnly();
                return r;
            });
            assertThat(both[0]).as("tampering %d", i).isEqualTo(both[1]);
            assertThat(both[0].valid()).isFalse();
            assertThat(both[0].firstBroken()).as("tampering %d", i).isEqualTo(expected.get(i));
        }
    }

    private long id(int seq) {
        return events.get(seq - 1).id();
    }

    /** Inserts a row whose own hash is right (the attacker knows the algorithm); returns its id. */
    private long insertForged(JdbcTemplate db, long seq, String prevHash) {
        Instant at = EventHashing.storable(Instant.now());
        EventHashing hashing = new EventHashing();
        String data = new CanonicalJson().canonical("{\"decision\":\"APPROVE\"}");
        String digest = hashing.dataDigest(data);
        String hash = hashing.eventHash(caseId, seq, at, "mallory", null, "TASK_COMPLETED", caseId, null, null,
                digest, null, null, prevHash);
        return db.queryForObject("""
                insert into audit_event (chain, seq, at, actor, action, case_id, data, data_digest, prev_hash, hash)
                values (?, ?, ?, 'mallory', 'TASK_COMPLETED', ?, cast(? as jsonb), ?, ?, ?) returning id""",
                Long.class, caseId, seq, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), caseId, data, digest, prevHash, hash);
    }

    private AuditVerification tampered(Consumer<JdbcTemplate> tampering) {
        return transactions.execute(status -> {
            jdbc.execute("set local session_replication_role = replica");
            tampering.accept(jdbc);
            AuditVerification result = trail.verify();
            status.setRollbackOnly();
            return result;
        });
    }

    private static void assertBroken(AuditVerification result, long id, String reason) {
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBroken()).isEqualTo(new AuditVerification.Broken(id, reason));
        assertThat(result.events()).isPositive();
    }
}
