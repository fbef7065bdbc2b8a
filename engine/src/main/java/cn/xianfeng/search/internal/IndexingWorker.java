package cn.xianfeng.search.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The indexer's own thread (a scheduler thread shared with slow jobs would let the index fall behind): runs
 * {@link IndexingPass} again at once while it stops early (batches came full), else waits for a committed audit
 * event's signal, for failures due again, or the poll interval (for events of other nodes, whose signals do not reach
 * this one); each poll that finds nothing doubles the wait, up to the maximum poll interval. While the index or the
 * database is unreachable it waits longer each time, up to the maximum delay.
 */
@Component
class IndexingWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IndexingWorker.class);

    private final IndexingPass pass;
    private final IndexingCursor cursor;
    private final Duration poll;
    private final Duration maxDelay;
    private final Duration maxPoll;
    /** Null for a worker built by hand (the bench's): failures then wait for the next pass. */
    private final IndexingFailures failures;
    private final String owner = "indexer-" + UUID.randomUUID();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicLong passes = new AtomicLong();
    private boolean signalled;
    private volatile boolean running;
    private volatile Thread thread;

    IndexingWorker(IndexingPass pass, IndexingCursor cursor, Duration poll, Duration maxDelay) {
        this(pass, cursor, poll, maxDelay, poll, null);
    }

    @Autowired
    IndexingWorker(IndexingPass pass, IndexingCursor cursor,
                   @Value("${xianfeng.search.poll-interval:PT0.5S}") Duration poll,
                   @Value("${xianfeng.search.max-retry-delay:PT10S}") Duration maxDelay,
                   @Value("${xianfeng.search.max-poll-interval:PT2S}") Duration maxPoll, IndexingFailures failures) {
        this.pass = pass;
        this.cursor = cursor;
        this.poll = poll;
        this.maxDelay = maxDelay;
        this.maxPoll = maxPoll.compareTo(poll) < 0 ? poll : maxPoll;
        this.failures = failures;
    }

    /** A transaction that recorded audit events committed: look now rather than at the next poll. */
    void signal() {
        lock.lock();
        try {
            signalled = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Passes finished so far, idle ones included (tests wait for one to start and end after something happened). */
    long passes() {
        return passes.get();
    }

    private void loop() {
        Duration delay = Duration.ZERO;
        Duration idle = poll;
        boolean failing = false;
        while (running) {
            IndexingPass.Result result;
            try {
                result = pass.run(owner);
                if (failing) {
                    log.info("search indexing resumed");
                    failing = false;
                }
                delay = Duration.ZERO;
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("search indexing paused, retrying: {}", e.toString());
                    failing = true;
                }
                delay = delay.isZero() ? poll : min(delay.multipliedBy(2), maxDelay);
                passes.incrementAndGet();
                await(delay);
                continue;
            }
            passes.incrementAndGet();
            switch (result) {
                case MORE -> {
                    // batches came full: more is waiting, at once
                }
                case INDEXED -> {
                    idle = poll;
                    await(untilFailuresDue(poll));
                }
                case IDLE -> {
                    boolean signalled = await(untilFailuresDue(idle));
                    idle = signalled ? poll : min(idle.multipliedBy(2), maxPoll);
                }
                case NOT_OURS -> {
                    // the node holding the lease retries the failures
                    boolean signalled = await(idle);
                    idle = signalled ? poll : min(idle.multipliedBy(2), maxPoll);
                }
            }
        }
    }

    /** {@code wait}, or less when failures may be due again before (a millisecond at least). */
    private Duration untilFailuresDue(Duration wait) {
        if (failures == null) {
            return wait;
        }
        long nanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), failures.nanosUntilLook());
        return nanos < wait.toNanos() ? Duration.ofNanos(nanos) : wait;
    }

    /** Waits for a signal or the timeout; true if signalled (or stopping). */
    private boolean await(Duration timeout) {
        lock.lock();
        try {
            if (!signalled && running) {
                wake.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            boolean woken = signalled;
            signalled = false;
            return woken;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::loop, "search-indexer");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        signal();
        Thread t = thread;
        if (t != null) {
            try {
                // a pass in progress finishes or is cut off by the connections closing; shutdown does not wait for it
                t.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pass.forgetClaim(); // started again, it claims before it indexes
        try {
            cursor.release(IndexingCursor.NAME, owner);
        } catch (RuntimeException e) {
            // the lease runs out by itself
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
