package cn.xianfeng.org;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a password must be: at least 10 characters and at most 72 bytes (BCrypt reads no further), not the username
 * nor containing it, not one character repeated, and not in a small list of the most common passwords
 * ({@code common-passwords.txt}: the usual English and Chinese top lists, digits, keyboard rows, pinyin phrases).
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_BYTES = 72;
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /** The first rule the password breaks, as the person should read it; empty when it is acceptable. */
    static Optional<String> problem(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("密码至少 " + MIN_LENGTH + " 位");
        }
        if (tooLong(password)) {
            return Optional.of("密码过长（至多 " + MAX_BYTES + " 字节）");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && username.length() >= 2 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("密码不能包含用户名");
        }
        if (lower.codePoints().distinct().count() == 1) {
            return Optional.of("密码不能由同一个字符重复组成");
        }
        if (COMMON.contains(lower)) {
            return Optional.of("该密码过于常见，请换一个");
        }
        return Optional.empty();
    }

    static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
