package cn.xianfeng.org;

import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Credentials for sign-in, and the lockout that stops password guessing. */
@Service
public class Logins {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;

    Logins(JdbcClient jdbc, AuditTrail audit, Clock clock,
           @Value("${xianfeng.login.max-failures:5}") int maxFailures,
           @Value("${xianfeng.login.lockout:PT15M}") Duration lockout) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    public record Credentials(String username, String passwordHash, boolean locked) {
    }

    public Optional<Credentials> credentials(String username) {
        return jdbc.sql("select username, password_hash, locked_until from person where username = ?")
                .param(username)
                .query((rs, i) -> {
                    Timestamp until = rs.getTimestamp("locked_until");
                    return new Credentials(rs.getString("username"), rs.getString("password_hash"),
                            until != null && until.toInstant().isAfter(clock.instant()));
                }).optional();
    }

    /** Counts a failed sign-in; the n-th in a row locks the account for a while. Unknown names are audited too. */
    @Transactional
    public void failed(String username, String address) {
        Instant now = clock.instant();
        int failures = jdbc.sql("""
                update person set failed_logins = failed_logins + 1,
                       locked_until = case when failed_logins + 1 >= ? then ? else locked_until end
                 where username = ? returning failed_logins""")
                .params(maxFailures, Timestamp.from(now.plus(lockout)), username)
                .query(Integer.class).optional().orElse(0);
        audit.record(new AuditEntry(username == null ? "anonymous" : username, null, "LOGIN_FAILED", null, null, null,
                Map.of("failures", failures, "locked", failures >= maxFailures), null, address));
    }

    @Transactional
    public void succeeded(String username) {
        jdbc.sql("update person set failed_logins = 0, locked_until = null where username = ? and failed_logins > 0")
                .param(username).update();
    }
}
