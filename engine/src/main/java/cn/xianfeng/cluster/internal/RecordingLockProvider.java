package cn.xianfeng.cluster.internal;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

import java.time.Duration;
import java.util.Optional;

/**
 * Writes each run of locked work to {@code job_run}: the node that got the lock, when (database time) it started
 * and finished. The row is finished before the lock is released, so runs of one job never overlap in the log. The
 * log is written in transactions of its own, like the lock, whatever transaction the caller is in.
 */
final class RecordingLockProvider implements LockProvider {

    private final LockProvider locks;
    private final JdbcClient jdbc;
    private final TransactionTemplate own;
    private final String node;
    private final Duration keep;

    RecordingLockProvider(LockProvider locks, DataSource dataSource, String node, Duration keep) {
        this.locks = locks;
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
                return new Recorded(lock, run);
            } catch (RuntimeException e) {
                lock.unlock();
                throw e;
            }
        });
    }

    private final class Recorded implements SimpleLock {

        private final SimpleLock lock;
        private final long run;

        Recorded(SimpleLock lock, long run) {
            this.lock = lock;
            this.run = run;
        }

        @Override
        public void unlock() {
            try {
                own.executeWithoutResult(tx -> jdbc.sql("update job_run set finished_at = clock_timestamp() where id = ?")
                        .param(run).update());
            } finally {
                lock.unlock();
            }
        }
    }
}
