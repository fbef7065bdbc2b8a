package cn.xianfeng.search.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * {@link IndexingPass} until it finds nothing, then waits for a committed audit event's signal or the poll
 * interval. While the index or the database is unreachable it waits longer each time, up to the maximum delay.
 */
@Component
class IndexingWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IndexingWorker.class);

    private final IndexingPass pass;
    private final IndexingCursor cursor;
    private final Duration poll;
    private final Duration maxDelay;
    private final String owner = "indexer-" + UUID.randomUUID();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicLong passes = new AtomicLong();
    private boolean signalled;
    private volatile boolean running;
    private volatile Thread thread;

    IndexingWorker(IndexingPass pass, IndexingCursor cursor,
                   @Value("${xianfeng.search.poll-interval:PT0.5S}") Duration poll,
                   @Value("${xianfeng.search.max-retry-delay:PT10S}") Duration maxDelay) {
        this.pass = pass;
        this.cursor = cursor;
        this.poll = poll;
        this.maxDelay = maxDelay;
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
            if (result != IndexingPass.Result.INDEXED) {
                await(poll);
            }
        }
    }

    private void await(Duration timeout) {
        lock.lock();
        try {
            if (!signalled && running) {
                wake.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
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
