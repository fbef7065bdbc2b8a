package cn.xianfeng.audit;

import java.util.List;

/** The append-only, hash-chained audit trail. */
public interface AuditTrail {

    /** Appends an event in the caller's transaction (or a new one) and publishes {@link AuditEventRecorded}. */
    AuditEvent record(AuditEntry entry);

    /** The case's events in the order they were recorded. */
    List<AuditEvent> forCase(String caseId);

    /** One event by id, e.g. for indexing it after its transaction committed. */
    java.util.Optional<AuditEvent> find(long id);

    /**
     * The DOCUMENT_ISSUED and DOCUMENT_VOIDED events whose data names the document {@code code}, oldest first,
     * each checked on its own (digests, hash, and the chain's link onwards), without walking the whole chain.
     */
    List<CheckedEvent> documentEvents(String code);

    /** The seq of the chain's last event (a case id's: the case's), 0 for a chain without events. */
    long lastSeq(String chain);

    /** Checks every chain, the chain heads and the latest anchor. Call it outside a transaction. */
    AuditVerification verify();

    /** Checks one chain (a case's) and its head row. Call it outside a transaction. */
    AuditVerification verifyChain(String chain);

    /**
     * The case's events ({@link #forCase}) and the check of its chain and head row ({@link #verifyChain}), from one
     * read of the chain in one statement, so one snapshot under any isolation: what a dossier prints. It may run in
     * the caller's transaction (a dossier issues in one).
     */
    CheckedChain checkedCase(String caseId);
}
