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
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    /**
     * An append starts from the head this node saw last; after a rolled-back append that guess is wrong (the head
     * never moved), and the next append must find the stored head instead, within one transaction and across them.
     */
    @Test
    void appendsAfterARolledBackAppendContinueFromTheStoredHead() {
        String caseId = UUID.randomUUID().toString();
        record(caseId, 1);
        transactions.executeWithoutResult(status -> {
            record(caseId, 2);
            record(caseId, 3);
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> {
            record(caseId, 4);
            record(caseId, 5);
        });
        List<AuditEvent> history = trail.forCase(caseId);
        assertThat(history).extracting(AuditEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(history).extracting(e -> e.data().get("i")).containsExactly(1, 4, 5);
        assertThat(history.get(1).prevHash()).isEqualTo(history.get(0).hash());
        assertThat(history.get(2).prevHash()).isEqualTo(history.get(1).hash());
        assertThat(trail.verifyChain(caseId).valid()).isTrue();
    }

    private void record(String caseId, int i) {
        trail.record(new AuditEntry("user", "B001", AuditAction.COMMENTED, caseId, null, null, Map.of("i", i), null, null));
    }

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
