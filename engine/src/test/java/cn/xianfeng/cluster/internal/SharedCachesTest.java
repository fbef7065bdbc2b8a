package cn.xianfeng.cluster.internal;

import cn.xianfeng.EngineTestApplication;
import cn.xianfeng.cluster.SharedCache;
import cn.xianfeng.cluster.SharedCaches;
import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes' caches on one real PostgreSQL: this context is node A; node B is a second {@link SharedCaches} with its
 * own listening connection, as another JVM would have. An invalidation committed on A reaches B within a second; a
 * rolled-back one reaches no one; B caches nothing while it cannot hear A, and forgets everything when it hears again.
 */
@SpringBootTest(classes = EngineTestApplication.class)
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class SharedCachesTest {

    static final Duration LIMIT = Duration.ofSeconds(1);

    @Autowired
    SharedCaches nodeA;
    @Autowired
    InvalidationListener listenerA;
    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate transactions;

    SharedCaches nodeB;
    InvalidationListener listenerB;
    String name;
    final AtomicInteger loadsA = new AtomicInteger();
    final AtomicInteger loadsB = new AtomicInteger();

    @BeforeEach
    void secondNode() throws Exception {
        nodeB = new SharedCaches(JdbcClient.create(dataSource), () -> listenerB.start());
        listenerB = new InvalidationListener(dataSource, nodeB);
        name = "test-" + UUID.randomUUID().toString().substring(0, 8);
        nodeB.cache(name);
        nodeA.cache(name);
        // each node listens from its first cache read on; here from the start
        listenerA.start();
        listenerB.start();
        await(listenerA::connected, Duration.ofSeconds(30), "node A listening");
        await(listenerB::connected, Duration.ofSeconds(30), "node B listening");
    }

    @AfterEach
    void stop() {
        listenerB.destroy();
    }

    @Test
    void aCommittedInvalidationOnOneNodeDropsTheEntryOnTheOtherWithinOneSecond() throws Exception {
        SharedCache<String> a = nodeA.cache(name);
        SharedCache<String> b = nodeB.cache(name);
        assertThat(b.get("zhangsan", this::loadB)).isEqualTo("v1");
        assertThat(b.get("zhangsan", this::loadB)).as("cached").isEqualTo("v1");
        assertThat(b.get("lisi", this::loadB)).isEqualTo("v2");
        assertThat(loadsB).hasValue(2);

        long sent = System.nanoTime();
        transactions.executeWithoutResult(tx -> a.invalidate("zhangsan"));
        Duration took = await(() -> {
            b.get("zhangsan", this::loadB);
            return loadsB.get() == 3;
        }, LIMIT, "node B reloads zhangsan after node A's commit");
        b.get("lisi", this::loadB);
        assertThat(loadsB).as("the other key stays cached").hasValue(3);
        System.out.printf("cache invalidation reached the other node %d ms after commit%n", took.toMillis());
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(LIMIT);

        nodeA.invalidateAll(name);
        await(() -> {
            b.get("lisi", this::loadB);
            return loadsB.get() == 4;
        }, LIMIT, "node B reloads everything after invalidateAll without a transaction");
    }

    @Test
    void aRolledBackInvalidationReachesNoNodeAndTheChangingNodeDropsOnlyAfterCommit() throws Exception {
        SharedCache<String> a = nodeA.cache(name);
        SharedCache<String> b = nodeB.cache(name);
        b.get("k", this::loadB);
        a.get("k", this::loadA);
        transactions.executeWithoutResult(tx -> {
            a.invalidate("k");
            // not yet committed: this node still serves what the database still says
            a.get("k", this::loadA);
            assertThat(loadsA).hasValue(1);
            tx.setRollbackOnly();
        });
        Thread.sleep(3 * InvalidationListener.POLL_MILLIS + 500);
        b.get("k", this::loadB);
        a.get("k", this::loadA);
        assertThat(loadsB).as("node B never heard of the rolled-back change").hasValue(1);
        assertThat(loadsA).as("nor did node A").hasValue(1);

        transactions.executeWithoutResult(tx -> a.invalidate("k"));
        a.get("k", this::loadA);
        assertThat(loadsA).as("node A dropped its own entry at commit").hasValue(2);
    }

    @Test
    void withoutItsListenerANodeCachesNothingAndNeverServesWhatItMayHaveMissed() throws Exception {
        SharedCache<String> b = nodeB.cache(name);
        assertThat(b.get("k", this::loadB)).isEqualTo("v1");
        listenerB.dropConnection();
        // the listener waits a second before reconnecting: meanwhile every read loads
        await(() -> !listenerB.connected(), Duration.ofSeconds(10), "node B notices the lost connection");
        b.get("k", this::loadB);
        b.get("k", this::loadB);
        assertThat(loadsB).as("every read loads while not listening").hasValue(3);
        // an invalidation node B may not hear: whatever it held before is gone once it listens again
        nodeA.invalidate(name, "k");
        await(listenerB::connected, Duration.ofSeconds(30), "node B listening again");
        assertThat(b.get("k", this::loadB)).as("no value from before the gap").isEqualTo("v4");
        assertThat(b.get("k", this::loadB)).as("cached again once listening").isEqualTo("v4");
    }

    @Test
    void aValueLoadedWhileAnInvalidationArrivesIsNotKept() {
        SharedCache<String> a = nodeA.cache(name);
        // the loader read the old value; the change commits (here: no transaction) before the value is stored
        a.get("k", key -> {
            loadsA.incrementAndGet();
            nodeA.invalidate(name, key);
            return "old";
        });
        a.get("k", this::loadA);
        assertThat(loadsA).as("the stale value was not stored").hasValue(2);
    }

    private String loadA(String key) {
        return "v" + loadsA.incrementAndGet();
    }

    private String loadB(String key) {
        return "v" + loadsB.incrementAndGet();
    }

    static Duration await(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < limit.toNanos()) {
            if (condition.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
    }
}
