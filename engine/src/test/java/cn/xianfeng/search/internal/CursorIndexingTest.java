package cn.xianfeng.search.internal;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexer's cursor against transactions that commit out of the order in which they took their event ids: an
 * event recorded first and committed last is indexed all the same, events rolled back never are, and under a
 * random concurrent load the index ends holding exactly the committed events, each once. A cursor on event id
 * alone fails both (it passes the late event as soon as a later id is indexed).
 */
@SpringBootTest(properties = {"flowable.async-executor-activate=false", "xianfeng.search.poll-interval=PT0.05S"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class CursorIndexingTest {

    @Autowired AuditTrail trail;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;
    @Autowired IndexingWorker worker;

    @Test
    void anEventCommittedAfterALaterIdWasIndexedIsIndexedAllTheSame() throws Exception {
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long[] early = new long[1];
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            early[0] = record("late-chain", "先记录后提交").id();
            recorded.countDown();
            await(release);
        }));
        assertThat(recorded.await(2, TimeUnit.MINUTES)).isTrue();
        long later = tx.execute(s -> record("quick-chain", "后记录先提交").id());
        assertThat(later).as("the later event has the higher id").isGreaterThan(early[0]);

        long passes = worker.passes();
        waitFor(() -> worker.passes() >= passes + 3, "indexer passes while the early transaction is open");
        assertThat(indexed(early[0])).as("not committed yet").isFalse();

        release.countDown();
        slow.get(2, TimeUnit.MINUTES);
        waitFor(() -> indexed(early[0]) && indexed(later), "both events indexed");
        assertThat(jdbc.sql("select count(*) from search_failure").query(Long.class).single()).isZero();
    }

    @Test
    void underConcurrentTransactionsTheIndexHoldsExactlyTheCommittedEventsOnce() throws Exception {
        int threads = 8;
        int transactions = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long seed = 1000L + t;
            done.add(pool.submit(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < transactions; i++) {
                    boolean rollback = random.nextInt(5) == 0;
                    int events = 1 + random.nextInt(3);
                    // one chain per transaction, as an action on one case: a few shared chains (their head rows
                    // serialize appends) and many separate ones
                    String chain = random.nextBoolean() ? "shared-" + random.nextInt(3) : "own-" + seed + "-" + random.nextInt(50);
                    tx.executeWithoutResult(s -> {
                        for (int e = 0; e < events; e++) {
                            record(chain, "并发事件");
                            sleep(random.nextInt(15));
                        }
                        if (rollback) {
                            s.setRollbackOnly();
                        }
                    });
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        waitFor(() -> auditDocuments().equals(events()), "the index holds every committed event");
        Set<Long> events = events();
        assertThat(auditDocuments()).containsExactlyElementsOf(events);
        assertThat(jdbc.sql("select count(*) from search_document where kind = 'AUDIT'").query(Long.class).single())
                .as("each once").isEqualTo(events.size());
        System.out.printf("cursor indexing: %d committed events of %d transactions indexed once%n", events.size(),
                threads * transactions);
    }

    private cn.xianfeng.audit.AuditEvent record(String chain, String comment) {
        return trail.record(new AuditEntry("tester", null, AuditAction.COMMENTED, chain, null, null, Map.of("n", comment),
                comment, null));
    }

    private boolean indexed(long eventId) {
        return jdbc.sql("select count(*) from search_document where id = ?").param("audit-" + eventId)
                .query(Long.class).single() == 1;
    }

    private Set<Long> events() {
        return new TreeSet<>(jdbc.sql("select id from audit_event").query(Long.class).list());
    }

    private Set<Long> auditDocuments() {
        return new TreeSet<>(jdbc.sql("select cast(substr(id, 7) as bigint) from search_document where kind = 'AUDIT'")
                .query(Long.class).list());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out: " + what);
    }
}
