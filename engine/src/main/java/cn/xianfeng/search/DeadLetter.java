package cn.xianfeng.search;

import java.time.Instant;

/**
 * An audit event whose search documents the index kept refusing: after the last attempt it waits here for an
 * administrator. {@code reason}: the index's last refusal; the event's own fields are null if it cannot be read.
 */
public record DeadLetter(long eventId, int attempts, Instant firstFailedAt, Instant deadAt, String reason,
                         String caseId, String caseSubject, String actor, String action, Instant at) {
}
