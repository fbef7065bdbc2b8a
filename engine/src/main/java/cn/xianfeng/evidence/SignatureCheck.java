package cn.xianfeng.evidence;

import java.time.Instant;

/**
 * The result of checking a PDF's last signature: {@code valid} when the CMS signature verifies over the signed
 * byte ranges and they cover the whole file (nothing appended after signing); {@code problem} says why not.
 */
public record SignatureCheck(boolean valid, String signer, String certificateSubject, String certificateSha256,
                             Instant signedAt, String problem) {
}
