package cn.xianfeng.complaint.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.InvalidInputException.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks the contact fields of a public intake, which never reach the form validator or the case's variables. */
public final class ContactRules {

    private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}");
    private static final int MAX_NAME = 50;

    private ContactRules() {
    }

    public static void check(String name, String phone) {
        List<Violation> problems = new ArrayList<>();
        if (name != null && (name.strip().length() > MAX_NAME
                || name.chars().anyMatch(Character::isISOControl))) {
            problems.add(new Violation("contactName", Refusal.of("complaint.contactName", String.valueOf(MAX_NAME))));
        }
        if (phone != null && !phone.isBlank() && !PHONE.matcher(phone.strip()).matches()) {
            problems.add(new Violation("contactPhone", Refusal.of("complaint.phone")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    public static String clean(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
