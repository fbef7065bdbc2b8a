package cn.xianfeng.cluster.internal;

import cn.xianfeng.EngineTestApplication;
import cn.xianfeng.cluster.ClusterLocks;
import cn.xianfeng.cluster.ClusterNode;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Locks across nodes on one real PostgreSQL: work started by hand holds its lock until done and a second node gets a
 * 409; a scheduled job's {@code @SchedulerLock} (placeholders, "10m" durations) really wraps the bean, so a second
 * call within the period is skipped; every run is logged with its node.
 */
@SpringBootTest(classes = EngineTestApplication.class)
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class ClusterLocksTest {

    @Autowired
    ClusterLocks nodeA;
    @Autowired
    ClusterNode node;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ScheduledExecutorService clusterLockKeepAlive;
    @Autowired
    ApplicationContext context;

    @Test
    void workHeldByOneNodeIsRefusedToAnotherUntilReleased() {
        ClusterLocks nodeB = new ClusterConfiguration().clusterLocks(dataSource, new ClusterNode("node-b"), jdbc,
                clusterLockKeepAlive, Duration.ofDays(30));
        String name = "work-" + UUID.randomUUID().toString().substring(0, 8);
        try (ClusterLocks.Held held = nodeA.acquire(name, "label.work.reindex")) {
            assertThat(nodeB.isHeld(name)).isTrue();
            assertThat(nodeB.tryAcquire(name)).isEmpty();
            assertThatThrownBy(() -> nodeB.exclusively(name, "label.work.reindex", () -> 1)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("索引重建正在运行");
        }
        assertThat(nodeB.isHeld(name)).isFalse();
        assertThat(nodeB.exclusively(name, "label.work.reindex", () -> 42)).isEqualTo(42);
        List<Map<String, Object>> runs = jdbc.sql("select node, finished_at from job_run where name = ? order by id")
                .param(name).query().listOfRows();
        assertThat(runs).extracting(r -> r.get("node")).containsExactly(node.id(), "node-b");
        assertThat(runs).allMatch(r -> r.get("finished_at") != null);
    }

    /** Work longer than the lock's hold (a rebuild of a large index) keeps it: the keep-alive extends it. */
    @Test
    void aLockOutlivesItsHoldWhileTheWorkRuns() throws Exception {
        // a hold of 4 s instead of the minute (the keep-alive extends at half the hold, as it does for the minute)
        Duration hold = Duration.ofSeconds(4);
        ClusterLocks shortHold = new ClusterConfiguration().clusterLocks(dataSource, node, jdbc, clusterLockKeepAlive,
                Duration.ofDays(30), hold);
        String name = "long-" + UUID.randomUUID().toString().substring(0, 8);
        try (ClusterLocks.Held held = shortHold.acquire(name, "label.work.reindex")) {
            Thread.sleep(hold.multipliedBy(3).toMillis());
            assertThat(nodeA.isHeld(name)).as("held %s after taking it", hold.multipliedBy(3)).isTrue();
        }
        assertThat(nodeA.isHeld(name)).isFalse();
    }

    @Test
    void aScheduledJobRunsOncePerPeriodWhoeverCallsIt() throws Exception {
        Object job = context.getBean("auditAnchorJob");
        // the scheduler may have run it already in this shared context: start the period afresh
        jdbc.sql("delete from shedlock where name = 'audit-anchor'").update();
        long before = runs("audit-anchor");
        job.getClass().getMethod("scheduled").invoke(job);
        job.getClass().getMethod("scheduled").invoke(job);
        assertThat(runs("audit-anchor") - before).as("the second call within the 10 minutes is skipped").isEqualTo(1);
        Duration held = Duration.ofSeconds(jdbc.sql("""
                select extract(epoch from lock_until - timezone('utc', now()))::bigint from shedlock where name = 'audit-anchor'""")
                .query(Long.class).single());
        assertThat(held).as("held for at least the interval (10m)").isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
        jdbc.sql("delete from shedlock where name = 'audit-anchor'").update();
    }

    @Test
    void aRunLongerThanItsLockIsNeverJoinedAndStillHoldsItsPeriod() throws Exception {
        LockProvider nodeA = context.getBean(LockProvider.class);
        LockProvider nodeB = new ClusterConfiguration().lockProvider(dataSource, new ClusterNode("node-b"),
                clusterLockKeepAlive, Duration.ofDays(30));
        String name = "job-" + UUID.randomUUID().toString().substring(0, 8);
        // at most 2 s, at least 3 s: the run takes 4 s, so without keeping the lock alive node b would join at 2 s
        SimpleLock held = nodeA.lock(new LockConfiguration(Instant.now(), name, Duration.ofSeconds(3),
                Duration.ofSeconds(3))).orElseThrow();
        long start = System.nanoTime();
        while (System.nanoTime() - start < 4_000_000_000L) {
            assertThat(nodeB.lock(new LockConfiguration(Instant.now(), name, Duration.ofSeconds(3), Duration.ZERO)))
                    .as("node b while node a runs").isEmpty();
            Thread.sleep(250);
        }
        held.unlock();
        assertThat(nodeB.lock(new LockConfiguration(Instant.now(), name, Duration.ofSeconds(3), Duration.ZERO)))
                .as("free once the run ended after its 3 s period").isPresent();

        String periodic = name + "-p";
        SimpleLock quick = nodeA.lock(new LockConfiguration(Instant.now(), periodic, Duration.ofSeconds(6),
                Duration.ofSeconds(6))).orElseThrow();
        Thread.sleep(3500);
        quick.unlock();
        assertThat(nodeB.lock(new LockConfiguration(Instant.now(), periodic, Duration.ofSeconds(6), Duration.ZERO)))
                .as("a run that ended early still holds its period after an extension").isEmpty();
    }

    private long runs(String name) {
        return jdbc.sql("select count(*) from job_run where name = ?").param(name).query(Long.class).single();
    }
}
