package cn.xianfeng.complaint.internal;

import java.security.SecureRandom;

/** Tracking codes: 12 characters without look-alikes (0/O, 1/I), hard to guess, easy to read out on the phone. */
final class TrackingCodes {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TrackingCodes() {
    }

    static String next() {
        StringBuilder s = new StringBuilder("TS");
        for (int i = 0; i < 10; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    static String normalise(String code) {
        return code == null ? "" : code.strip().toUpperCase();
    }
}
