package cn.xianfeng.complaint.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Tracking codes: 12 characters without look-alikes (0/O, 1/I), hard to guess (50 random bits), easy to read out on
 * the phone. A code is the complainant's credential: only its SHA-256 is stored, and staff see its hint.
 */
public final class TrackingCodes {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TrackingCodes() {
    }

    public static String next() {
        StringBuilder s = new StringBuilder("TS");
        for (int i = 0; i < 10; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    public static String normalise(String code) {
        return code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
    }

    /** What is stored of a code. */
    public static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalise(code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What staff see of a code: enough to match a caller reading theirs out, never enough to use it. */
    public static String hint(String code) {
        String c = normalise(code);
        return c.length() < 8 ? "******" : c.substring(0, 2) + "******" + c.substring(c.length() - 4);
    }
}
