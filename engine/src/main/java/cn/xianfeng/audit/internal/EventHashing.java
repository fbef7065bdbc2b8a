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
