package cn.xianfeng.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Commit-to-searchable lag: each committed transaction's last event id with its commit time; a thread asks the
 * index every 20 ms which of the pending ones a search finds now, and records their lag (resolution ≈ 20 ms plus
 * one probe's duration, reported as measured). A round asks for the {@value #PER_PROBE} oldest pending and, while
 * a chunk finds any, for the next {@value #PER_PROBE} at once: what became searchable together is found in the same
 * round, and the ids asked in vain cost at most one chunk per round. (Asking for the 500 oldest every round cost
 * PostgreSQL 0.35 of its 0.97 ms of execution per appended event in a run of the section alone: the probe loaded
 * the store it measures.)
 */
final class LagProbe {

    static final int PER_PROBE = 50;

    private final Indexing.Probe probe;
    private final ConcurrentLinkedQueue<long[]> incoming = new ConcurrentLinkedQueue<>();
    private final Map<Long, Long> pending = new LinkedHashMap<>();
    private final List<Long> lags = new ArrayList<>();
    private volatile boolean running;
    private Thread thread;
    private volatile RuntimeException failure;

    LagProbe(Indexing.Probe probe) {
        this.probe = probe;
    }

    void committed(long lastEventId, long nanos) {
        incoming.add(new long[] {lastEventId, nanos});
    }

    void start() {
        running = true;
        thread = new Thread(() -> {
            while (running) {
                round();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-lag-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void round() {
        try {
            synchronized (pending) {
                for (long[] c; (c = incoming.poll()) != null; ) {
                    pending.put(c[0], c[1]);
                }
                Iterator<Long> oldest = pending.keySet().iterator();
                List<Long> seen = new ArrayList<>();
                while (oldest.hasNext()) {
                    List<Long> ask = new ArrayList<>(PER_PROBE);
                    while (oldest.hasNext() && ask.size() < PER_PROBE) {
                        ask.add(oldest.next());
                    }
                    List<Long> found = probe.searchable(ask);
                    long now = System.nanoTime();
                    for (Long id : found) {
                        Long committed = pending.get(id);
                        if (committed != null) {
                            lags.add(now - committed);
                            seen.add(id);
                        }
                    }
                    if (found.isEmpty()) {
                        break;
                    }
                }
                seen.forEach(pending::remove); // not while iterating over the keys
            }
        } catch (Exception e) {
            failure = new IllegalStateException("lag probe failed", e);
            running = false;
        }
    }

    int pending() {
        synchronized (pending) {
            return pending.size() + incoming.size();
        }
    }

    /** Waits until every committed transaction was found, or the limit; then stops probing. */
    boolean drain(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (pending() > 0 && System.nanoTime() < deadline && running) {
            Thread.sleep(50);
        }
        running = false;
        thread.join();
        if (failure != null) {
            throw failure;
        }
        return pending() == 0;
    }

    Stats stats() {
        synchronized (pending) {
            return Stats.ofNanos(lags);
        }
    }
}
