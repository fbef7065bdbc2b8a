package cn.xianfeng.audit.internal;

import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditEvent;
import cn.xianfeng.audit.AuditEventRecorded;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.audit.AuditVerification;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Appends events to per-case hash chains. The chain head row, upserted first, is locked until the caller's
 * transaction ends, so appends to one case serialize and appends to different cases do not.
 */
@Service
class JdbcAuditTrail implements AuditTrail {

    static final String SYSTEM_CHAIN = "system";

    /** Locks the head and advances its seq; returns the new seq and the (still previous) hash. */
    private static final String ADVANCE_HEAD = """
            insert into audit_chain_head (chain, seq, hash) values (:chain, 1, :genesis)
            on conflict (chain) do update set seq = audit_chain_head.seq + 1
            returning seq, hash""";

    private static final String APPEND = """
            with head as (update audit_chain_head set hash = :hash where chain = :chain)
            insert into audit_event (chain, seq, at, actor, org_code, action, case_id, task_id, step_id, data,
                                     comment, source_address, data_digest, prev_hash, hash)
            values (:chain, :seq, :at, :actor, :orgCode, :action, :caseId, :taskId, :stepId, cast(:data as jsonb),
                    :comment, :sourceAddress, :dataDigest, :prevHash, :hash)
            returning id""";

    private final JdbcClient jdbc;
    private final ObjectProvider<Clock> clock;
    private final ApplicationEventPublisher events;
    private final AuditVerifier verifier;
    private final CanonicalJson canonicalJson = new CanonicalJson();
    private final AuditEventRows rows;
    private final DocumentEvents documentEvents;

    JdbcAuditTrail(JdbcClient jdbc, ObjectMapper json, ObjectProvider<Clock> clock,
                   ApplicationEventPublisher events, AuditVerifier verifier, DocumentEvents documentEvents) {
        this.documentEvents = documentEvents;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.verifier = verifier;
        this.rows = new AuditEventRows(json);
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEvent record(AuditEntry entry) {
        // the stored text is the constant's name: the hash covers it, so it never changes for a recorded event
        if (entry.actor() == null || entry.actor().isBlank() || entry.action() == null) {
            throw new IllegalArgumentException("an audit entry needs an actor and an action");
        }
        String action = entry.action().name();
        String chain = entry.caseId() == null ? SYSTEM_CHAIN : entry.caseId();
        Instant at = EventHashing.storable(clock.getIfAvailable(Clock::systemUTC).instant());
        String data = canonicalJson.canonical(rows.toJson(entry.data()));
        EventHashing hashing = new EventHashing();
        String dataDigest = hashing.dataDigest(data);

        Head previous = jdbc.sql(ADVANCE_HEAD).param("chain", chain).param("genesis", EventHashing.GENESIS)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        long seq = previous.seq();
        String hash = hashing.eventHash(chain, seq, at, entry.actor(), entry.orgCode(), action,
                entry.caseId(), entry.taskId(), entry.stepId(), dataDigest, entry.comment(), entry.sourceAddress(),
                previous.hash());
        long id = jdbc.sql(APPEND)
                .param("chain", chain).param("seq", seq).param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("actor", entry.actor()).param("orgCode", entry.orgCode()).param("action", action)
                .param("caseId", entry.caseId()).param("taskId", entry.taskId()).param("stepId", entry.stepId())
                .param("data", data).param("comment", entry.comment()).param("sourceAddress", entry.sourceAddress())
                .param("dataDigest", dataDigest).param("prevHash", previous.hash()).param("hash", hash)
                .query(Long.class).single();

        events.publishEvent(new AuditEventRecorded(id, chain, entry.caseId(), action, entry.actor()));
        return new AuditEvent(id, chain, seq, at, entry.actor(), entry.orgCode(), action, entry.caseId(),
                entry.taskId(), entry.stepId(), rows.toMap(data), entry.comment(), entry.sourceAddress(), dataDigest,
                previous.hash(), hash);
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditEvent> forCase(String caseId) {
        return jdbc.sql("select " + AuditEventRows.COLUMNS
                        + " from audit_event where chain = :caseId and case_id = :caseId order by seq")
                .param("caseId", caseId)
                .query(rows).list();
    }

    @Override
    public java.util.Optional<AuditEvent> find(long id) {
        return jdbc.sql("select " + AuditEventRows.COLUMNS + " from audit_event where id = :id")
                .param("id", id).query(rows).optional();
    }

    @Override
    public long lastSeq(String chain) {
        return jdbc.sql("select seq from audit_chain_head where chain = ?").param(chain).query(Long.class).optional()
                .orElse(0L);
    }

    @Override
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<cn.xianfeng.audit.CheckedEvent> documentEvents(String code) {
        return documentEvents.of(code);
    }

    @Override
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public AuditVerification verify() {
        return verifier.verify();
    }

    @Override
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public AuditVerification verifyChain(String chain) {
        return verifier.verifyChain(chain);
    }

    private record Head(long seq, String hash) {
    }
}
