package cn.xianfeng.portal.logging;

import java.util.regex.Pattern;

/**
 * Masks personal data wherever it turns up in a log line, whoever logged it: an 18-character resident ID number
 * keeps its first 6 and last 4 (990000********0013), an 11-digit mobile number its first 3 and last 4
 * (138****0001). Runs of digits longer than these (timestamps, serials) and hex strings are left alone.
 */
public final class LogMasking {

    private static final Pattern ID_NUMBER =
            Pattern.compile("(?<![0-9A-Za-z])([0-9]{6})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9A-Za-z])");
    private static final Pattern MOBILE =
            Pattern.compile("(?<![0-9A-Za-z])((?:\\+?86[- ]?)?1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9A-Za-z])");

    private LogMasking() {
    }

    public static String mask(String line) {
        if (line == null || line.length() < 11) {
            return line;
        }
        String masked = ID_NUMBER.matcher(line).replaceAll("$1********$2");
        return MOBILE.matcher(masked).replaceAll("$1****$2");
    }
}
