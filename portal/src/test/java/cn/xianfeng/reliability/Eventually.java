package cn.xianfeng.reliability;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition that background work (job executor, event publications, reconnecting pool) will make true. */
final class Eventually {

    private Eventually() {
    }

    /** Returns how long it took; fails with {@code what} after {@code limit}. */
    static Duration within(Duration limit, String what, Callable<Boolean> condition) throws Exception {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.call()) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within " + limit.toSeconds() + " s: " + what, last);
    }
}
