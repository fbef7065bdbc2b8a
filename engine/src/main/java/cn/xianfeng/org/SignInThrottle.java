package cn.xianfeng.org;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Slows password guessing per (source address, account name): after {@code xianfeng.login.max-failures} failures in a
 * row from one address, each further attempt from it must wait, {@code first-delay} and doubling up to
 * {@code lockout}. There is no hard lock: a stranger failing from their address slows only themself, and the real
 * person signs in from theirs. When the longest wait has run out, or after a quiet {@code lockout}, the count starts
 * afresh; a success from the address clears it. Names are kept only as SHA-256 of what was typed, and the audit
 * trail records a failure under the account's name only when such an account exists ({@code anonymous} otherwise).
 */
@Service
public class SignInThrottle {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final int freeFailures;
    private final Duration firstDelay;
    private final Duration longest;

    SignInThrottle(JdbcClient jdbc, AuditTrail audit, Clock clock,
                   @Value("${xianfeng.login.max-failures:5}") int freeFailures,
                   @Value("${xianfeng.login.first-delay:PT2S}") Duration firstDelay,
                   @Value("${xianfeng.login.lockout:PT15M}") Duration longest) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.freeFailures = freeFailures;
        this.firstDelay = firstDelay;
        this.longest = longest;
    }

    /** How long this address must still wait before trying this name again; zero when it may try now. */
    public Duration waitFor(String address, String typedName) {
        Instant now = clock.instant();
        return jdbc.sql("select blocked_until from sign_in_throttle where address = ? and account = ?")
                .params(address(address), account(typedName)).query(Timestamp.class).optional()
                .map(t -> Duration.between(now, t.toInstant())).filter(d -> !d.isNegative() && !d.isZero()).orElse(Duration.ZERO);
    }

    /** Counts a wrong password (or unknown name) from the address; returns the wait it now imposes. */
    @Transactional
    public Duration failed(String address, String typedName) {
        Instant now = clock.instant();
        String from = address(address);
        String account = account(typedName);
        jdbc.sql("""
                insert into sign_in_throttle (address, account, failures, last_failure, blocked_until)
                values (?, ?, 0, ?, ?) on conflict (address, account) do nothing""")
                .params(from, account, Timestamp.from(now), Timestamp.from(now)).update();
        int before = jdbc.sql("""
                select failures, last_failure, blocked_until from sign_in_throttle
                 where address = ? and account = ? for update""")
                .params(from, account)
                .query((rs, i) -> {
                    int failures = rs.getInt("failures");
                    boolean quiet = !rs.getTimestamp("last_failure").toInstant().plus(longest).isAfter(now);
                    boolean longestServed = delay(failures).compareTo(longest) >= 0
                            && !rs.getTimestamp("blocked_until").toInstant().isAfter(now);
                    return quiet || longestServed ? 0 : failures;
                }).single();
        int failures = before + 1;
        Duration delay = delay(failures);
        jdbc.sql("update sign_in_throttle set failures = ?, last_failure = ?, blocked_until = ? where address = ? and account = ?")
                .params(failures, Timestamp.from(now), Timestamp.from(now.plus(delay)), from, account).update();
        // the table holds only recent guessing: what has been quiet for two periods is forgotten
        jdbc.sql("delete from sign_in_throttle where last_failure < ?").param(Timestamp.from(now.minus(longest.multipliedBy(2))))
                .update();
        boolean known = typedName != null && jdbc.sql("select count(*) from person where username = ?").param(typedName)
                .query(Integer.class).single() > 0;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("failures", failures);
        data.put("delaySeconds", delay.toSeconds());
        if (!known) {
            data.put("unknownName", true);
        }
        audit.record(new AuditEntry(known ? typedName : "anonymous", null, AuditAction.LOGIN_FAILED, null, null, null, data,
                null, from));
        return delay;
    }

    /** A correct password from the address clears its count for the account. */
    @Transactional
    public void succeeded(String address, String username) {
        jdbc.sql("delete from sign_in_throttle where address = ? and account = ?")
                .params(address(address), account(username)).update();
    }

    /** No wait for the first failures; then the first delay, doubling each time, up to the longest. */
    Duration delay(int failures) {
        if (failures <= freeFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - freeFailures - 1, 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(longest) > 0 ? longest : delay;
    }

    private static String address(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        return address.length() > 64 ? address.substring(0, 64) : address;
    }

    static String account(String typedName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (typedName == null ? "" : typedName.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
