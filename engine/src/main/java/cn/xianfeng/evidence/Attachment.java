package cn.xianfeng.evidence;

import java.time.Instant;

/**
 * An uploaded file as the API shows it; its bytes live once per SHA-256. {@code caseId} is null until the upload is
 * bound to a case; {@code stepId} names the step whose form it came with (null: the start form or a free upload).
 */
public record Attachment(String id, String caseId, String name, String type, long size, String sha256,
                         String uploadedBy, Instant uploadedAt, String stepId) {

    /** Images and PDFs may be shown in the browser; other files are only downloaded. */
    public boolean previewable() {
        return type.equals("application/pdf") || type.startsWith("image/");
    }
}
