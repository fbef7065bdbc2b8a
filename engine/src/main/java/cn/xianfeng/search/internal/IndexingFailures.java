package cn.xianfeng.search.internal;

import cn.xianfeng.search.DeadLetter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events whose documents the index refused. Each failure waits a growing delay (first delay × 2^(attempts−1))
 * before it is tried again; after {@code maxAttempts} it is a dead letter: not tried again until an administrator
 * asks, and listed for them. Times are the database's (the application clock can be moved for demos).
 */
@Component
class IndexingFailures {

    /** A refusal's text is kept for the administrator, not whole: an index may quote the document back. */
    static final int REASON_LIMIT = 2000;

    private final JdbcClient jdbc;
    private final int maxAttempts;
    private final Duration firstDelay;
    private final Duration recheck;
    /**
     * When the table is next worth a look ({@link System#nanoTime}): known from the last look (the earliest failure
     * not yet due) or at once after this node recorded or requeued one; at least every {@code recheck}, for failures
     * another node recorded while it held the cursor. Most passes find nothing to retry and so ask nothing.
     */
    private volatile long nextLook = System.nanoTime();
    /** Moved on by every {@link #lookSoon}: a look that raced with one does not push the next look out. */
    private final AtomicLong soon = new AtomicLong();

    IndexingFailures(JdbcClient jdbc, @Value("${xianfeng.search.max-attempts:5}") int maxAttempts,
                     @Value("${xianfeng.search.retry-delay:PT5S}") Duration firstDelay,
                     @Value("${xianfeng.search.failure-recheck:PT30S}") Duration recheck) {
        this.jdbc = jdbc;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.firstDelay = firstDelay;
        this.recheck = recheck;
    }

    /** Counts one more failed attempt for the event; the last allowed attempt makes it a dead letter. */
    void failed(long eventId, String reason) {
        String text = reason == null ? "" : reason.length() > REASON_LIMIT ? reason.substring(0, REASON_LIMIT) : reason;
        jdbc.sql("""
                insert into search_failure (event_id, attempts, first_failed_at, last_failed_at, next_attempt_at,
                                            dead_at, reason)
                values (:id, 1, now(), now(), case when :max <= 1 then null else now() + cast(:delay as interval) end,
                        case when :max <= 1 then now() end, :reason)
                on conflict (event_id) do update set attempts = search_failure.attempts + 1, last_failed_at = now(),
                    reason = excluded.reason,
                    dead_at = case when search_failure.attempts + 1 >= :max then now() end,
                    next_attempt_at = case when search_failure.attempts + 1 >= :max then null
                        else now() + cast(:delay as interval) * power(2, search_failure.attempts) end""")
                .param("id", eventId).param("max", maxAttempts).param("delay", firstDelay.toMillis() + " milliseconds")
                .param("reason", text).update();
        lookSoon();
    }

    /** A refusal that is not retried (a rebuild's): a dead letter at once. */
    void dead(long eventId, String reason) {
        String text = reason == null ? "" : reason.length() > REASON_LIMIT ? reason.substring(0, REASON_LIMIT) : reason;
        jdbc.sql("""
                insert into search_failure (event_id, attempts, first_failed_at, last_failed_at, next_attempt_at,
                                            dead_at, reason)
                values (?, 1, now(), now(), null, now(), ?)
                on conflict (event_id) do update set attempts = search_failure.attempts + 1, last_failed_at = now(),
                    reason = excluded.reason, dead_at = now(), next_attempt_at = null""")
                .params(eventId, text).update();
    }

    /** Failed events due for another attempt (not dead letters), oldest first; learns when to look next. */
    List<Long> due(int limit) {
        List<Long> due = new ArrayList<>();
        long[] waitMillis = {-1};
        long now = System.nanoTime();
        long asked = soon.get();
        jdbc.sql("""
                select event_id, next_attempt_at <= now() as due,
                       ceil(extract(epoch from next_attempt_at - now()) * 1000) as wait
                  from search_failure where dead_at is null and next_attempt_at is not null
                 order by next_attempt_at limit ?""").param(limit)
                .query(rs -> {
                    if (rs.getBoolean("due")) {
                        due.add(rs.getLong("event_id"));
                    } else if (waitMillis[0] < 0) {
                        waitMillis[0] = rs.getLong("wait");
                    }
                });
        long wait = recheck.toMillis();
        if (!due.isEmpty()) {
            wait = 0; // retried now: their outcome (cleared, or failed again) tells the next look
        } else if (waitMillis[0] >= 0) {
            wait = Math.min(wait, waitMillis[0]);
        }
        nextLook = now + TimeUnit.MILLISECONDS.toNanos(wait);
        if (soon.get() != asked) {
            nextLook = System.nanoTime();
        }
        return due;
    }

    /** {@link #due}, or nothing without asking while no failure can be due (see {@link #nextLook}). */
    List<Long> dueIfAny(int limit) {
        return nanosUntilLook() > 0 ? List.of() : due(limit);
    }

    /** How long until failures may be due, in nanoseconds (≤ 0: now). */
    long nanosUntilLook() {
        return nextLook - System.nanoTime();
    }

    /** Failures may be due now: one was recorded or requeued, or another node may have recorded some. */
    void lookSoon() {
        soon.incrementAndGet();
        nextLook = System.nanoTime();
    }

    /** Indexed after all: no longer a failure. */
    void cleared(Collection<Long> eventIds) {
        if (!eventIds.isEmpty()) {
            jdbc.sql("delete from search_failure where event_id = any(?)").param(eventIds.toArray(Long[]::new)).update();
        }
    }

    /** Tries a dead letter again at once, with a fresh count of attempts; false if it is not a dead letter. */
    boolean requeue(long eventId) {
        boolean requeued = jdbc.sql("""
                update search_failure set attempts = 0, dead_at = null, next_attempt_at = now()
                 where event_id = ? and dead_at is not null""").param(eventId).update() == 1;
        if (requeued) {
            lookSoon();
        }
        return requeued;
    }

    List<DeadLetter> deadLetters(int limit) {
        return jdbc.sql("""
                select f.event_id, f.attempts, f.first_failed_at, f.dead_at, f.reason, e.case_id, c.subject, e.actor,
                       e.action, e.at
                  from search_failure f left join audit_event e on e.id = f.event_id
                  left join case_record c on c.id = e.case_id
                 where f.dead_at is not null order by f.dead_at desc, f.event_id limit ?""")
                .param(limit).query(IndexingFailures::deadLetter).list();
    }

    long deadLetterCount() {
        return jdbc.sql("select count(*) from search_failure where dead_at is not null").query(Long.class).single();
    }

    long pendingCount() {
        return jdbc.sql("select count(*) from search_failure where dead_at is null").query(Long.class).single();
    }

    private static DeadLetter deadLetter(ResultSet rs, int i) throws SQLException {
        return new DeadLetter(rs.getLong("event_id"), rs.getInt("attempts"), instant(rs.getTimestamp("first_failed_at")),
                instant(rs.getTimestamp("dead_at")), rs.getString("reason"), rs.getString("case_id"),
                rs.getString("subject"), rs.getString("actor"), rs.getString("action"), instant(rs.getTimestamp("at")));
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
