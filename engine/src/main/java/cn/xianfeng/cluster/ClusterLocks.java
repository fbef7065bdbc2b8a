package cn.xianfeng.cluster;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ConflictException;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Work that one node at a time may do, started by a person or a job (a reindex, a retention run). The lock lives in
 * ShedLock's table and is kept alive while its holder runs; a node that dies holding it frees it after
 * {@link #HOLD} at most (the hold it was made with). Scheduled jobs use {@code @SchedulerLock} instead, on the same table.
 */
public class ClusterLocks {

    /** How long a lock outlives a node that died holding it; a live holder extends it every half of this. */
    public static final Duration HOLD = Duration.ofMinutes(1);

    private final LockProvider locks;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final Duration hold;

    public ClusterLocks(LockProvider keptAlive, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this(keptAlive, jdbc, HOLD);
    }

    /** With another hold: a test of the keep-alive need not wait a minute. */
    public ClusterLocks(LockProvider keptAlive, org.springframework.jdbc.core.simple.JdbcClient jdbc, Duration hold) {
        this.locks = keptAlive;
        this.jdbc = jdbc;
        this.hold = hold;
    }

    /** A lock held until closed. */
    public static final class Held implements AutoCloseable {

        private final SimpleLock lock;
        private boolean released;

        private Held(SimpleLock lock) {
            this.lock = lock;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                lock.unlock();
            }
        }
    }

    /** The lock, or empty when another run (on any node) holds it. */
    public Optional<Held> tryAcquire(String name) {
        return locks.lock(new LockConfiguration(Instant.now(), name, hold, Duration.ZERO)).map(Held::new);
    }

    /** The lock, or a 409 naming the work that is already running ({@code whatKey}: its name's key in the refusals bundle). */
    public Held acquire(String name, String whatKey) {
        return tryAcquire(name).orElseThrow(() -> new ConflictException(Refusal.of("cluster.running", Refusal.of(whatKey))));
    }

    /** Whether any node holds the lock now (ShedLock keeps its times in UTC, the database's clock). */
    public boolean isHeld(String name) {
        return jdbc.sql("select exists (select 1 from shedlock where name = ? and lock_until > timezone('utc', now()))")
                .param(name).query(Boolean.class).single();
    }

    /** Runs {@code work} under the lock; a 409 when it is held elsewhere. */
    public <T> T exclusively(String name, String whatKey, Supplier<T> work) {
        try (Held ignored = acquire(name, whatKey)) {
            return work.get();
        }
    }
}
