package cn.xianfeng.evidence.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.TooManyRequestsException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How many documents render at once ({@code xianfeng.documents.concurrent-renders}, 2 by default). Each render is
 * bounded on its own (pages, pixels, bytes: {@link cn.xianfeng.evidence.Limits}); this bounds their sum, so that
 * many parallel requests queue instead of multiplying the heap a render takes.
 */
@Component
public class RenderPermits {

    private final Semaphore permits;
    private final long waitSeconds;

    RenderPermits(@Value("${xianfeng.documents.concurrent-renders:2}") int concurrent,
                  @Value("${xianfeng.documents.render-wait-seconds:120}") long waitSeconds) {
        this.permits = new Semaphore(Math.max(1, concurrent), true);
        this.waitSeconds = waitSeconds;
    }

    public <T> T render(Supplier<T> work) {
        try {
            if (!permits.tryAcquire(waitSeconds, TimeUnit.SECONDS)) {
                throw new TooManyRequestsException(Refusal.of("evidence.tooManyRenders"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TooManyRequestsException(Refusal.of("evidence.tooManyRenders"));
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
