package cn.xianfeng.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * What the portal's PostgreSQL backends were doing over a concurrent workload, sampled every 10 ms on a connection of
 * its own: running, waiting for a lock, for the WAL to reach the disk, or idle in a transaction (waiting for the
 * portal). A machine that leaves CPU idle under 8 clients is waiting on one of these; the tally says which.
 */
final class Waits implements AutoCloseable {

    private static final String SAMPLE = """
            select /* bench-probe */ case when state = 'active' then coalesce(wait_event_type || ':' || wait_event, 'running')
                                          else state end
              from pg_stat_activity
             where usename = ? and state <> 'idle' and pid <> pg_backend_pid()""";

    private final BenchPostgres pg;
    private final Map<String, AtomicLong> seen = new TreeMap<>();
    private final AtomicLong samples = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    Waits(BenchPostgres pg) {
        this.pg = pg;
        sampler = new Thread(this::sample, "bench-wait-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        try (Connection c = pg.connect(); PreparedStatement s = c.prepareStatement(SAMPLE)) {
            c.setAutoCommit(true);
            s.setString(1, BenchPostgres.PORTAL_ROLE);
            while (running) {
                BenchPostgres.SIDE_TRANSACTIONS.incrementAndGet();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String what = rs.getString(1);
                        synchronized (seen) {
                            seen.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                }
                samples.incrementAndGet();
                Thread.sleep(10);
            }
        } catch (SQLException | InterruptedException e) {
            running = false;
        }
    }

    /** Backends in each state per sample, largest first, e.g. "running 1.90 · IO:WALSync 0.80 · idle in transaction 2.10". */
    String summary() {
        long n = Math.max(1, samples.get());
        synchronized (seen) {
            return seen.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
                    .map(e -> String.format("%s %.2f", e.getKey(), e.getValue().get() / (double) n))
                    .collect(Collectors.joining(" · ")) + String.format(" (%,d samples)", n);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join(2_000);
    }
}
