package cn.xianfeng.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The audit trail's hash function. An event's hash is the SHA-256 (lower-case hex) of the bytes
 * {@code "xianfeng-audit-v1"} followed by each field in this order, a null field as {@code "~"} and any other
 * as its UTF-8 byte length in decimal, {@code ':'}, and its UTF-8 bytes:
 * chain, seq (decimal), at ({@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ}, UTC, microseconds as PostgreSQL keeps them),
 * actor, orgCode, action, caseId, taskId, stepId, dataDigest, comment, sourceAddress, prevHash.
 * The data digest is the SHA-256 of the data's {@link CanonicalJson canonical JSON} ({@code "null"} for none).
 * An instance is not thread-safe.
 */
final class EventHashing {

    static final String GENESIS = "0".repeat(64);

    /** What the data digest covers for an event without data. */
    static final byte[] NULL_DATA = "null".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] VERSION = "xianfeng-audit-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'~'};
    private static final HexFormat HEX = HexFormat.of();
    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final MessageDigest sha256;

    EventHashing() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The instant as stored: PostgreSQL keeps microseconds. */
    static Instant storable(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    static String formatAt(Instant at) {
        return AT.format(at);
    }

    String dataDigest(String canonicalJson) {
        return HEX.formatHex(sha256.digest((canonicalJson == null ? "null" : canonicalJson).getBytes(StandardCharsets.UTF_8)));
    }

    String eventHash(String chain, long seq, Instant at, String actor, String orgCode, String action, String caseId,
                     String taskId, String stepId, String dataDigest, String comment, String sourceAddress,
                     String prevHash) {
        sha256.reset();
        sha256.update(VERSION);
        field(chain);
        field(Long.toString(seq));
        field(formatAt(at));
        field(actor);
        field(orgCode);
        field(action);
        field(caseId);
        field(taskId);
        field(stepId);
        field(dataDigest);
        field(comment);
        field(sourceAddress);
        field(prevHash);
        return HEX.formatHex(sha256.digest());
    }

    /**
     * The data digest of text given as UTF-8 bytes, as lower-case hex ASCII bytes (verification compares it with the
     * stored column's bytes without decoding either).
     */
    byte[] dataDigestHex(byte[] canonicalUtf8) {
        return hexBytes(sha256.digest(canonicalUtf8));
    }

    /**
     * {@link #eventHash} over fields given as their UTF-8 bytes (null: a null field), the result as lower-case hex
     * ASCII bytes. Order: chain, seq, at, actor, orgCode, action, caseId, taskId, stepId, dataDigest, comment,
     * sourceAddress, prevHash.
     */
    byte[] eventHashHex(byte[]... fields) {
        sha256.reset();
        sha256.update(VERSION);
        for (byte[] f : fields) {
            field(f);
        }
        return hexBytes(sha256.digest());
    }

    /** {@link #field(String)} of a value given as its UTF-8 bytes. */
    void field(byte[] bytes) {
        if (bytes == null) {
            sha256.update(NULL);
            return;
        }
        sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) ':');
        sha256.update(bytes);
    }

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static byte[] hexBytes(byte[] digest) {
        byte[] hex = new byte[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            hex[2 * i] = DIGITS[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = DIGITS[digest[i] & 0xf];
        }
        return hex;
    }

    /** Feeds one length-prefixed field; also used for the anchors' heads digest. */
    void field(String value) {
        if (value == null) {
            sha256.update(NULL);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) ':');
        sha256.update(bytes);
    }

    void start() {
        sha256.reset();
        sha256.update(VERSION);
    }

    String finish() {
        return HEX.formatHex(sha256.digest());
    }
}
