package cn.xianfeng.audit;

import java.util.List;

/**
 * A case's events, in the order they were recorded, and the check of its chain and head row made on the same rows
 * read once (what a dossier prints).
 */
public record CheckedChain(List<AuditEvent> events, AuditVerification verification) {
}
