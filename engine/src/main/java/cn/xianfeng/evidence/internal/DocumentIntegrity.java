package cn.xianfeng.evidence.internal;

import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.audit.CheckedEvent;
import cn.xianfeng.evidence.Integrity;
import cn.xianfeng.evidence.IssuedDocument;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Cross-checks a document's row against its stored bytes and the audit trail: the content hashes to the registered
 * SHA-256, exactly one intact DOCUMENT_ISSUED event carries that SHA-256 and kind, and a void row exists exactly
 * when an intact DOCUMENT_VOIDED event does. A superuser rewriting the row (hash and content together) cannot
 * also rewrite the event without breaking the event's own hash or its link in the chain.
 */
@Component
public class DocumentIntegrity {

    private final AuditTrail audit;

    DocumentIntegrity(AuditTrail audit) {
        this.audit = audit;
    }

    public Integrity check(IssuedDocument d, byte[] content) {
        if (content == null || !sha256(content).equals(d.sha256())) {
            return Integrity.CONTENT_REWRITTEN;
        }
        List<CheckedEvent> events = audit.documentEvents(d.code());
        if (events.stream().anyMatch(e -> !e.intact())) {
            return Integrity.AUDIT_TAMPERED;
        }
        List<CheckedEvent> issued = events.stream().filter(e -> "DOCUMENT_ISSUED".equals(e.event().action())).toList();
        if (issued.isEmpty()) {
            return Integrity.ISSUE_NOT_AUDITED;
        }
        var data = issued.get(0).event().data();
        if (issued.size() > 1 || data == null || !d.sha256().equals(data.get("sha256")) || !d.kind().equals(data.get("kind"))
                || !java.util.Objects.equals(d.caseId(), issued.get(0).event().caseId())) {
            return Integrity.HASH_REWRITTEN;
        }
        boolean voidedInAudit = events.stream().anyMatch(e -> "DOCUMENT_VOIDED".equals(e.event().action()));
        return voidedInAudit == d.isVoid() ? Integrity.INTACT : Integrity.VOID_MISMATCH;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
