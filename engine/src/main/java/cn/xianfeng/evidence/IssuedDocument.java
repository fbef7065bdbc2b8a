package cn.xianfeng.evidence;

import java.time.Instant;

/** A document Xianfeng issued; {@code code} is what its verification line and QR code carry. */
public record IssuedDocument(String code, String kind, String caseId, String title, String serial, String issuer,
                             String issuerOrg, String issuedBy, Instant issuedAt, String sha256, Instant voidAt,
                             String voidReason, String replacedBy) {

    public boolean isVoid() {
        return voidAt != null;
    }
}
