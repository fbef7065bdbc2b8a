package cn.xianfeng.audit;

import java.util.Map;

/**
 * What an action wants recorded. {@code actor} is a username, or {@code "system"} / {@code "anonymous"};
 * every other field except {@code action} may be null.
 */
public record AuditEntry(String actor, String orgCode, AuditAction action, String caseId, String taskId,
                         String stepId, Map<String, Object> data, String comment, String sourceAddress) {
}
