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

    /** Checks every chain, the chain heads and the latest anchor. Call it outside a transaction. */
    AuditVerification verify();

    /** Checks one chain (a case's) and its head row: what a dossier prints. Call it outside a transaction. */
    AuditVerification verifyChain(String chain);
}
