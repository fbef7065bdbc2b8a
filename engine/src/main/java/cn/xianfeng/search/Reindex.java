package cn.xianfeng.search;

import cn.xianfeng.common.ConflictException;
import cn.xianfeng.org.People;
import cn.xianfeng.search.internal.Rebuild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import cn.xianfeng.cluster.ClusterLocks;
import cn.xianfeng.cluster.ClusterNode;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Rebuilds the search index from PostgreSQL, the system of record: in the background for the admin page, or in
 * the caller's thread for the command line. One rebuild at a time across all nodes (a cluster lock); its progress is
 * kept in PostgreSQL, so every node shows the same.
 */
@Service
public class Reindex {

    private static final Logger log = LoggerFactory.getLogger(Reindex.class);

    /**
     * {@code phase}: IDLE, STARTING, PREPARING, AUDIT_EVENTS, CASES_AND_TASKS, SWAPPING, DONE or FAILED; {@code done}
     * of {@code total} documents loaded into the new index, of which {@code refused} were refused by it (now dead
     * letters); at the end {@code indexed} (the index's count) and {@code expected} (PostgreSQL's). A FAILED rebuild
     * left the former index serving.
     */
    public record Progress(String phase, long done, long total, Instant startedAt, Instant finishedAt, String error,
                           boolean running, Long indexed, Long expected, long refused) {

        static final Progress IDLE = new Progress("IDLE", 0, 0, null, null, null, false, null, null, 0);

        /** Finished with the index holding exactly what PostgreSQL holds, less the documents it refused. */
        public boolean complete() {
            return "DONE".equals(phase) && indexed != null && expected != null && indexed + refused == expected;
        }

        public int percent() {
            return total == 0 ? (finishedAt == null ? 0 : 100) : (int) Math.min(100, done * 100 / total);
        }
    }

    private static final String LOCK = "search-reindex";
    private static final String SELECT = """
            select phase, done, total, started_at, finished_at, error, running, indexed, expected, refused
              from search_reindex where id = 1""";

    private final Rebuild rebuild;
    private final People people;
    private final Clock clock;
    private final ClusterLocks locks;
    private final JdbcClient jdbc;
    private final String node;
    /** Whether this node runs a rebuild now: its own rebuild is alive whatever the lock table says. */
    private final java.util.concurrent.atomic.AtomicBoolean runningHere = new java.util.concurrent.atomic.AtomicBoolean();

    Reindex(Rebuild rebuild, People people, Clock clock, ClusterLocks locks, JdbcClient jdbc, ClusterNode node) {
        this.rebuild = rebuild;
        this.people = people;
        this.clock = clock;
        this.locks = locks;
        this.jdbc = jdbc;
        this.node = node.id();
    }

    /** The current or last rebuild's progress, the same on every node; administrators only. */
    public Progress progress(String username) {
        requireAdmin(username);
        return current();
    }

    /** Starts a rebuild in the background; administrators only, 409 while one runs on any node. */
    public Progress start(String username) {
        requireAdmin(username);
        ClusterLocks.Held lock = claim();
        Progress starting = current();
        try {
            Thread worker = new Thread(() -> {
                try (lock) {
                    run(p -> { });
                }
            }, "search-reindex");
            worker.setDaemon(true);
            worker.start();
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        return starting;
    }

    /**
     * Rebuilds in the caller's thread, telling {@code observer} after each batch; 409 while another runs. For the
     * command line, whose user already holds the server.
     */
    public Progress runNow(Consumer<Progress> observer) {
        try (ClusterLocks.Held lock = claim()) {
            return run(observer);
        }
    }

    private void requireAdmin(String username) {
        SearchIndexing.requireAdmin(people, username, "只有管理员可以重建检索索引");
    }

    private ClusterLocks.Held claim() {
        ClusterLocks.Held lock = locks.acquire(LOCK, "label.work.reindex");
        save(new Progress("STARTING", 0, 0, clock.instant(), null, null, true, null, null, 0));
        return lock;
    }

    private Progress run(Consumer<Progress> observer) {
        runningHere.set(true);
        Instant started = current().startedAt();
        Progress progress = current();
        try {
            Rebuild.Result result = rebuild.run((phase, done, total) -> {
                Progress p = new Progress(phase, done, total, started, null, null, true, null, null, 0);
                save(p);
                observer.accept(p);
            });
            progress = current();
            progress = new Progress("DONE", result.loaded(), Math.max(progress.total(), result.loaded()), started,
                    clock.instant(), null, false, rebuild.indexed(), rebuild.expected(), result.refused());
        } catch (RuntimeException e) {
            log.warn("search reindex failed", e);
            progress = current();
            progress = new Progress("FAILED", progress.done(), progress.total(), started, clock.instant(),
                    e.getClass().getSimpleName() + ": " + e.getMessage(), false, null, null, 0);
        }
        save(progress);
        runningHere.set(false);
        observer.accept(progress);
        return progress;
    }

    /**
     * The stored progress; a rebuild marked running that no node holds the lock for (and that is not this node's own,
     * running now) died with its node.
     */
    private Progress current() {
        Progress p = jdbc.sql(SELECT).query(Reindex::row).optional().orElse(Progress.IDLE);
        if (p.running() && !runningHere.get() && !locks.isHeld(LOCK)) {
            log.warn("search reindex marked running but its lock is free: taken as died with its node");
            p = new Progress("FAILED", p.done(), p.total(), p.startedAt(), clock.instant(),
                    "重建所在的服务器已停止，请重新开始", false, null, null, 0);
            save(p);
        }
        return p;
    }

    private void save(Progress p) {
        jdbc.sql("""
                insert into search_reindex (id, phase, done, total, started_at, finished_at, error, running, indexed,
                                            expected, refused, node)
                values (1, :phase, :done, :total, :started, :finished, :error, :running, :indexed, :expected, :refused,
                        :node)
                on conflict (id) do update set phase = excluded.phase, done = excluded.done, total = excluded.total,
                  started_at = excluded.started_at, finished_at = excluded.finished_at, error = excluded.error,
                  running = excluded.running, indexed = excluded.indexed, expected = excluded.expected,
                  refused = excluded.refused, node = excluded.node""")
                .param("phase", p.phase()).param("done", p.done()).param("total", p.total())
                .param("started", timestamp(p.startedAt())).param("finished", timestamp(p.finishedAt()))
                .param("error", p.error()).param("running", p.running()).param("indexed", p.indexed())
                .param("expected", p.expected()).param("refused", p.refused()).param("node", node).update();
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Progress row(ResultSet rs, int i) throws SQLException {
        Timestamp started = rs.getTimestamp("started_at");
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Progress(rs.getString("phase"), rs.getLong("done"), rs.getLong("total"),
                started == null ? null : started.toInstant(), finished == null ? null : finished.toInstant(),
                rs.getString("error"), rs.getBoolean("running"), (Long) rs.getObject("indexed"),
                (Long) rs.getObject("expected"), rs.getLong("refused"));
    }
}
