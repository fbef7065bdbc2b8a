package cn.xianfeng.audit.internal;

import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditEvent;
import cn.xianfeng.audit.AuditEventRecorded;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.audit.AuditVerification;
import cn.xianfeng.audit.CheckedChain;
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
 * Appends events to per-case hash chains. The chain head row is locked until the caller's transaction ends, so
 * appends to one case serialize and appends to different cases do not. An append first tries the head this node
 * saw last ({@link ChainHeads}): one statement moves the head from exactly that (seq, hash) under its row lock and
 * inserts the event, or does nothing when the head moved meanwhile (another node, a rolled-back transaction); then
 * the head is read under the lock and advanced, and the event inserted, in two statements as before.
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

    /**
     * Moves the head from the (seq, hash) the node expects to the new event's, and inserts the event only if it did:
     * the update takes the row lock and, under it, re-reads the row a concurrent append may have moved.
     */
    private static final String APPEND_AFTER_EXPECTED = """
            with head as (update audit_chain_head set seq = :seq, hash = :hash
                           where chain = :chain and seq = :prevSeq and hash = :prevHash returning chain)
            insert into audit_event (chain, seq, at, actor, org_code, action, case_id, task_id, step_id, data,
                                     comment, source_address, data_digest, prev_hash, hash)
            select head.chain, cast(:seq as bigint), cast(:at as timestamptz), cast(:actor as text),
                   cast(:orgCode as text), cast(:action as text), cast(:caseId as text), cast(:taskId as text),
                   cast(:stepId as text), cast(:data as jsonb), cast(:comment as text), cast(:sourceAddress as text),
                   cast(:dataDigest as text), cast(:prevHash as text), cast(:hash as text)
              from head
            returning id""";

    private final ChainHeads heads = new ChainHeads();
    private final JdbcClient jdbc;
    private final ObjectProvider<Clock> clock;
    /** The clock once looked up: a lookup per event was about 5 % of the bench JVM's samples in its append section. */
    private volatile Clock resolvedClock;
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

    private Clock clock() {
        Clock c = resolvedClock;
        if (c == null) {
            c = clock.getIfAvailable(Clock::systemUTC);
            resolvedClock = c;
        }
        return c;
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
        Instant at = EventHashing.storable(clock().instant());
        String data = canonicalJson.canonical(rows.toJson(entry.data()));
        EventHashing hashing = new EventHashing();
        String dataDigest = hashing.dataDigest(data);

        Event event = new Event(chain, at, entry, action, data, dataDigest);
        Long id = null;
        ChainHeads.Head previous = heads.get(chain);
        String hash = null;
        if (previous != null) {
            hash = event.hash(hashing, previous);
            id = insert(APPEND_AFTER_EXPECTED, event, previous, hash)
                    .param("prevSeq", previous.seq()).query(Long.class).optional().orElse(null);
        }
        if (id == null) {
            // no head known, or it moved: lock the head row, take its seq and hash, and append after them
            ChainHeads.Head locked = jdbc.sql(ADVANCE_HEAD).param("chain", chain).param("genesis", EventHashing.GENESIS)
                    .query((rs, n) -> new ChainHeads.Head(rs.getLong(1) - 1, rs.getString(2))).single();
            previous = locked;
            hash = event.hash(hashing, previous);
            id = insert(APPEND, event, previous, hash).query(Long.class).single();
        }
        long seq = previous.seq() + 1;
        heads.moved(chain, new ChainHeads.Head(seq, hash));

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

    @Override
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public CheckedChain checkedCase(String caseId) {
        CaseChainRead read = new CaseChainRead(caseId, rows, canonicalJson);
        jdbc.sql(CaseChainRead.QUERY).param(caseId).query(read);
        if (read.head() != null) {
            // a reader of the chain (a dossier) usually appends to it next (DOCUMENT_ISSUED)
            heads.seen(caseId, read.head());
        }
        return read.result();
    }

    private JdbcClient.StatementSpec insert(String sql, Event e, ChainHeads.Head previous, String hash) {
        AuditEntry entry = e.entry();
        return jdbc.sql(sql)
                .param("chain", e.chain()).param("seq", previous.seq() + 1)
                .param("at", OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC))
                .param("actor", entry.actor()).param("orgCode", entry.orgCode()).param("action", e.action())
                .param("caseId", entry.caseId()).param("taskId", entry.taskId()).param("stepId", entry.stepId())
                .param("data", e.data()).param("comment", entry.comment()).param("sourceAddress", entry.sourceAddress())
                .param("dataDigest", e.dataDigest()).param("prevHash", previous.hash()).param("hash", hash);
    }

    /** An event about to be appended, all but its place in the chain. */
    private record Event(String chain, Instant at, AuditEntry entry, String action, String data, String dataDigest) {

        String hash(EventHashing hashing, ChainHeads.Head previous) {
            return hashing.eventHash(chain, previous.seq() + 1, at, entry.actor(), entry.orgCode(), action,
                    entry.caseId(), entry.taskId(), entry.stepId(), dataDigest, entry.comment(), entry.sourceAddress(),
                    previous.hash());
        }
    }
}
