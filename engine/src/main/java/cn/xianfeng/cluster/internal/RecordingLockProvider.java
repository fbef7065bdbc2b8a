package cn.xianfeng.cluster.internal;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * ShedLock's locks, kept while the work runs and logged. A held lock is extended every half of its
 * {@code lockAtMostFor}, keeping its {@code lockAtLeastFor} (ShedLock's own keep-alive drops it): a run longer than
 * its interval is never joined by a second node, a node that dies frees the lock one {@code lockAtMostFor} later,
 * and a job still runs once per {@code lockAtLeastFor}. Each run is written to {@code job_run} (node, start, end in
 * database time), finished before the lock is released, in transactions of its own.
 */
final class RecordingLockProvider implements LockProvider {

    private static final Logger log = LoggerFactory.getLogger(RecordingLockProvider.class);
    private static final Duration SHORTEST_EXTENSION = Duration.ofSeconds(1);

    private final LockProvider locks;
    private final ScheduledExecutorService keepAlive;
    private final JdbcClient jdbc;
    private final TransactionTemplate own;
    private final String node;
    private final Duration keep;

    RecordingLockProvider(LockProvider locks, ScheduledExecutorService keepAlive, DataSource dataSource, String node,
                          Duration keep) {
        this.locks = locks;
        this.keepAlive = keepAlive;
        this.jdbc = JdbcClient.create(dataSource);
        this.own = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.node = node;
        this.keep = keep;
    }

    @Override
    public Optional<SimpleLock> lock(LockConfiguration configuration) {
        return locks.lock(configuration).map(lock -> {
            try {
                long run = own.execute(tx -> {
                    jdbc.sql("delete from job_run where name = ? and started_at < now() - make_interval(secs => ?)")
                            .params(configuration.getName(), (double) keep.toSeconds()).update();
                    return jdbc.sql("insert into job_run (name, node) values (?, ?) returning id")
                            .params(configuration.getName(), node).query(Long.class).single();
                });
                return new Held(lock, configuration, run);
            } catch (RuntimeException e) {
                lock.unlock();
                throw e;
            }
        });
    }

    private final class Held implements SimpleLock {

        private final LockConfiguration configuration;
        private final long run;
        private final ScheduledFuture<?> extension;
        private SimpleLock current;
        private boolean released;

        Held(SimpleLock lock, LockConfiguration configuration, long run) {
            this.current = lock;
            this.configuration = configuration;
            this.run = run;
            long every = Math.max(SHORTEST_EXTENSION.toMillis(), configuration.getLockAtMostFor().toMillis() / 2);
            this.extension = keepAlive.scheduleAtFixedRate(this::extend, every, every, TimeUnit.MILLISECONDS);
        }

        private synchronized void extend() {
            if (released) {
                return;
            }
            try {
                // ShedLock's release counts lockAtLeastFor from locked_at, which an extension keeps: pass it unchanged
                Optional<SimpleLock> extended = current.extend(configuration.getLockAtMostFor(),
                        configuration.getLockAtLeastFor());
                if (extended.isPresent()) {
                    current = extended.get();
                } else {
                    log.warn("lock {} could not be kept: another node may take it", configuration.getName());
                    extension.cancel(false);
                }
            } catch (RuntimeException e) {
                log.warn("lock {} not extended: {}", configuration.getName(), e.getMessage());
            }
        }

        @Override
        public synchronized void unlock() {
            if (released) {
                return;
            }
            released = true;
            extension.cancel(false);
            try {
                own.executeWithoutResult(tx -> jdbc.sql("update job_run set finished_at = clock_timestamp() where id = ?")
                        .param(run).update());
            } finally {
                current.unlock();
            }
        }
    }
}
