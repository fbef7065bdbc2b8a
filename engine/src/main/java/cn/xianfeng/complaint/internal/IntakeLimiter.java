package cn.xianfeng.complaint.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.TooManyRequestsException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code xianfeng.complaints.intake-limit} (20) public intakes per address within
 * {@code xianfeng.complaints.intake-window} (an hour); the next is refused with 429. Counted in the database so
 * that every portal instance shares the count; two requests from one address are serialised by an advisory lock.
 */
@Component
public class IntakeLimiter {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int limit;
    private final Duration window;

    IntakeLimiter(JdbcClient jdbc, Clock clock, @Value("${xianfeng.complaints.intake-limit:20}") int limit,
                  @Value("${xianfeng.complaints.intake-window:PT1H}") Duration window) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.limit = limit;
        this.window = window;
    }

    /** Counts one intake from the address, or refuses it; call inside the intake's transaction. */
    public void admit(String address) {
        String key = address == null || address.isBlank() ? "unknown" : address.strip();
        if (key.length() > 64) {
            key = key.substring(0, 64);
        }
        Instant now = clock.instant();
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("complaint-intake:" + key).query().singleRow();
        long recent = jdbc.sql("select count(*) from complaint_intake where address = ? and at > ?")
                .params(key, Timestamp.from(now.minus(window))).query(Long.class).single();
        if (recent >= limit) {
            throw new TooManyRequestsException(Refusal.of("complaint.tooFrequent", String.valueOf(window.toMinutes()), String.valueOf(limit)));
        }
        jdbc.sql("insert into complaint_intake (address, at) values (?, ?)").params(key, Timestamp.from(now)).update();
    }
}
