package cn.xianfeng.complaint.internal;

/** Contact data as handlers may see it: a phone like 138****5678, a name like 张**. */
public final class Masking {

    private Masking() {
    }

    public static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String digits = phone.strip();
        if (digits.length() <= 4) {
            return "****";
        }
        String head = digits.length() >= 11 ? digits.substring(0, 3) : "";
        return head + "****" + digits.substring(digits.length() - 4);
    }

    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.strip();
        return n.substring(0, n.offsetByCodePoints(0, 1)) + "*".repeat(Math.max(1, n.codePointCount(0, n.length()) - 1));
    }

    /** The one line a handler's form shows about the complainant. */
    public static String summary(boolean anonymous, String name, String phone) {
        if (anonymous) {
            return "匿名";
        }
        if ((name == null || name.isBlank()) && (phone == null || phone.isBlank())) {
            return "未留联系方式";
        }
        String n = name(name);
        String p = phone(phone);
        return ((n == null ? "" : n) + " " + (p == null ? "" : p)).strip();
    }
}
