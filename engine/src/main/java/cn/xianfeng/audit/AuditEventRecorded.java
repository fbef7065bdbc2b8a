package cn.xianfeng.audit;

/** Published in the recording transaction for every appended audit event. */
public record AuditEventRecorded(long id, String chain, String caseId, String action, String actor) {
}
