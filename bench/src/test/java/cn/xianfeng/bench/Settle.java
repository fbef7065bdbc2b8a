package cn.xianfeng.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Waits until the after-commit work is done: every event publication completed and the search indexer's cursor
 * past the last audit event (its backlog drained), with no failed event waiting for a retry. It polls on a
 * connection of its own, outside the counted DataSource, so that waiting adds no statements to the counts.
 */
final class Settle implements AutoCloseable {

    private static final String PENDING = """
            select /* bench-probe */ (select count(*) from event_publication where completion_date is null)
                 + (select count(*) from search_failure where dead_at is null)
                 + (select count(*) from (select 1 from audit_event e, search_cursor c
                                           where c.name = 'index' and (e.xid, e.id) > (c.xid, c.event_id) limit 1) x)""";

    private final Connection connection;
    private final PreparedStatement pending;
    private long waitedNanos;
    private long waits;

    Settle(BenchPostgres pg) {
        try {
            connection = pg.connect();
            connection.setAutoCommit(true);
            pending = connection.prepareStatement(PENDING);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (polling every {@code pollMillis}) until nothing is pending, at most {@code limit}. */
    void await(Duration limit, long pollMillis) {
        long t = System.nanoTime();
        long deadline = t + limit.toNanos();
        try {
            while (true) {
                long left = pending();
                if (left == 0) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("after-commit work still pending after " + limit + ": " + left);
                }
                Thread.sleep(pollMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        waitedNanos += System.nanoTime() - t;
        waits++;
    }

    /** Drains the backlog before a timed section (up to 10 minutes at full scale). */
    void drained() {
        await(Duration.ofMinutes(10), 100);
    }

    long pending() {
        BenchPostgres.SIDE_TRANSACTIONS.incrementAndGet();
        try (ResultSet rs = pending.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mean wall time of the waits so far, in milliseconds. */
    double meanWaitMillis() {
        return waits == 0 ? 0 : waitedNanos / 1e6 / waits;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // the bench ends
        }
    }
}
