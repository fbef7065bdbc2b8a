package cn.xianfeng.audit;

import java.time.Instant;

/**
 * One recorded read. {@code detail} says what was read beyond the case: the query of a search, the verification
 * code of a downloaded dossier, the outcome of a verification; {@code caseId} is null for searches and the trail.
 */
public record AuditRead(long id, Instant at, String actor, ReadKind kind, String caseId, String detail,
                        String sourceAddress) {
}
