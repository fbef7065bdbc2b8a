package cn.xianfeng.evidence;

import java.time.Instant;

/** An uploaded file as the API shows it; its bytes live once per SHA-256. */
public record Attachment(String id, String caseId, String name, String type, long size, String sha256,
                         String uploadedBy, Instant uploadedAt) {
}
