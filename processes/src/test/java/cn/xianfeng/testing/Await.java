package cn.xianfeng.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waiting for asynchronous work (indexing after commit, notices, the job executor) in tests: poll a condition with
 * a generous limit — two minutes unless {@code -Dxianfeng.await-seconds} says more — so that a loaded machine (other
 * builds beside this one) slows a test down instead of failing it; on timeout, fail with what was last seen.
 */
public final class Await {

    public static final Duration LIMIT = Duration.ofSeconds(Math.max(120, Long.getLong("xianfeng.await-seconds", 180)));

    private Await() {
    }

    /** Polls {@code probe} until {@code done} accepts its value; returns that value. */
    public static <T> T until(String what, Callable<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        T last = null;
        Exception failure = null;
        while (true) {
            try {
                last = probe.call();
                failure = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                failure = e; // the service may still be coming up: keep trying, report it if it never does
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + LIMIT.toSeconds() + " s for " + what + "; last seen: "
                        + (failure != null ? failure : abbreviate(String.valueOf(last))), failure);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Polls until the condition holds. */
    public static void until(String what, Callable<Boolean> condition) {
        until(what, condition, Boolean.TRUE::equals);
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }
}
