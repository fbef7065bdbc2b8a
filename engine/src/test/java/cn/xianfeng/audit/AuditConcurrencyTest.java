package cn.xianfeng.audit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class AuditConcurrencyTest extends AuditTestSupport {

    @Autowired
    AuditTrail trail;

    @Test
    void concurrentAppendsKeepEveryChainContiguous() throws Exception {
        int threads = 8;
        int perThread = 50;
        List<String> cases = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        trail.record(new AuditEntry("user" + thread, "B001", AuditAction.TASK_COMPLETED,
                                cases.get((thread + i) % cases.size()), "t" + i, null,
                                Map.of("thread", thread, "i", i), null, null));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        for (String caseId : cases) {
            List<AuditEvent> history = trail.forCase(caseId);
            assertThat(history).hasSize(threads * perThread / cases.size());
            assertThat(history).extracting(AuditEvent::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, history.size()).boxed().toList());
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).prevHash()).isEqualTo(history.get(i - 1).hash());
                assertThat(history.get(i).id()).isGreaterThan(history.get(i - 1).id());
            }
        }
        AuditVerification verification = trail.verify();
        assertThat(verification.firstBroken()).isNull();
        assertThat(verification.valid()).isTrue();
        assertThat(verification.events()).isGreaterThanOrEqualTo(threads * perThread);
    }
}
