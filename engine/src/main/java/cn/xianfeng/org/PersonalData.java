package cn.xianfeng.org;

import java.util.regex.Pattern;

/**
 * A person's resident ID number (居民身份证号码) and mobile phone, either may be absent. {@code full} tells whether
 * the values are the real ones (the person themself, or an ADMIN/ORG_DEPARTMENT above them) or masked as lists
 * show them: 110101********1234 and 138****5678.
 */
public record PersonalData(String idNumber, String phone, boolean full) {

    private static final Pattern ID_FORM = Pattern.compile("[0-9]{17}[0-9X]");
    private static final Pattern PHONE_FORM = Pattern.compile("1[3-9][0-9]{9}");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_DIGITS = "10X98765432";

    public static PersonalData none() {
        return new PersonalData(null, null, false);
    }

    public PersonalData masked() {
        return new PersonalData(maskId(idNumber), maskPhone(phone), false);
    }

    /** GB 11643: 17 digits, then the check digit of their weighted sum mod 11 (X for 10). */
    public static boolean validIdNumber(String id) {
        if (id == null || !ID_FORM.matcher(id).matches()) {
            return false;
        }
        return id.charAt(17) == checkDigit(id.substring(0, 17));
    }

    /** The check digit that completes 17 digits into a valid ID number. */
    public static char checkDigit(String first17) {
        if (first17 == null || !first17.matches("[0-9]{17}")) {
            throw new IllegalArgumentException("17 digits expected");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_DIGITS.charAt(sum % 11);
    }

    public static boolean validPhone(String phone) {
        return phone != null && PHONE_FORM.matcher(phone).matches();
    }

    /** Keeps the region (first 6) and the last 4: 110101********1234. */
    public static String maskId(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        return id.length() < 10 ? "*".repeat(id.length()) : id.substring(0, 6) + "*".repeat(id.length() - 10)
                + id.substring(id.length() - 4);
    }

    /** Keeps the carrier prefix and the last 4: 138****5678. */
    public static String maskPhone(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        return phone.length() < 8 ? "*".repeat(phone.length()) : phone.substring(0, 3) + "****"
                + phone.substring(phone.length() - 4);
    }

    /** Input as people type it: blank means none, spaces and dashes ignored, a lower-case x accepted. */
    static String normalized(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
    }
}
