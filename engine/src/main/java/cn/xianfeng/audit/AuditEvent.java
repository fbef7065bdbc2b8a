package cn.xianfeng.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One stored audit event. {@code chain} is the case id, or {@code "system"} for events without a case;
 * {@code seq} counts from 1 within the chain; {@code hash} covers every field and {@code prevHash}.
 */
public record AuditEvent(long id, String chain, long seq, Instant at, String actor, String orgCode, String action,
                         String caseId, String taskId, String stepId, Map<String, Object> data, String comment,
                         String sourceAddress, String dataDigest, String prevHash, String hash) {
}
