package cn.xianfeng.cluster.internal;

import cn.xianfeng.cluster.ClusterLocks;
import cn.xianfeng.cluster.ClusterNode;
import cn.xianfeng.cluster.SharedCaches;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Scheduled jobs once across nodes: every {@code @Scheduled} method carries {@code @SchedulerLock(name = ...,
 * lockAtLeastFor = <its interval>)}, so one node runs it per period; the lock's times are PostgreSQL's. A running
 * job keeps its lock however long it takes; a node that dies holding one frees it after the job's
 * {@code lockAtMostFor} (default {@value #DEFAULT_AT_MOST}; at least {@code lockAtLeastFor}, so jobs set it to their
 * interval).
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = ClusterConfiguration.DEFAULT_AT_MOST)
class ClusterConfiguration {

    static final String DEFAULT_AT_MOST = "PT10M";

    /** The provider {@code @SchedulerLock} uses (the only LockProvider bean). */
    @Bean
    LockProvider lockProvider(DataSource dataSource, ClusterNode node, ScheduledExecutorService clusterLockKeepAlive,
                              @Value("${xianfeng.jobs.run-log-retention:P30D}") Duration keep) {
        return new RecordingLockProvider(shedLock(dataSource, node), clusterLockKeepAlive, dataSource, node.id(), keep);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService clusterLockKeepAlive() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cluster-lock-keepalive");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    ClusterLocks clusterLocks(DataSource dataSource, ClusterNode node, JdbcClient jdbc,
                              ScheduledExecutorService clusterLockKeepAlive,
                              @Value("${xianfeng.jobs.run-log-retention:P30D}") Duration keep) {
        return clusterLocks(dataSource, node, jdbc, clusterLockKeepAlive, keep, ClusterLocks.HOLD);
    }

    ClusterLocks clusterLocks(DataSource dataSource, ClusterNode node, JdbcClient jdbc,
                              ScheduledExecutorService clusterLockKeepAlive, Duration keep, Duration hold) {
        return new ClusterLocks(new RecordingLockProvider(shedLock(dataSource, node), clusterLockKeepAlive, dataSource,
                node.id(), keep), jdbc, hold);
    }

    @Bean
    InvalidationListener invalidationListener(DataSource dataSource, SharedCaches caches) {
        return new InvalidationListener(dataSource, caches);
    }

    @Bean
    SharedCaches sharedCaches(JdbcClient jdbc, org.springframework.beans.factory.ObjectProvider<InvalidationListener> listener) {
        return new SharedCaches(jdbc, () -> listener.getObject().start());
    }

    private static JdbcTemplateLockProvider shedLock(DataSource dataSource, ClusterNode node) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).withTableName("shedlock")
                .withLockedByValue(node.id()).usingDbTime().build());
    }
}
