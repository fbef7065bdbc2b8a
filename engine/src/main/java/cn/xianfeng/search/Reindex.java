package cn.xianfeng.search;

import cn.xianfeng.common.ConflictException;
import cn.xianfeng.org.People;
import cn.xianfeng.search.internal.Rebuild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Rebuilds the search index from PostgreSQL, the system of record: in the background for the admin page, or in
 * the caller's thread for the command line. One rebuild at a time; its progress is kept for whoever asks.
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

    private final Rebuild rebuild;
    private final People people;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Progress progress = Progress.IDLE;

    Reindex(Rebuild rebuild, People people, Clock clock) {
        this.rebuild = rebuild;
        this.people = people;
        this.clock = clock;
    }

    /** The current or last rebuild's progress; administrators only. */
    public Progress progress(String username) {
        requireAdmin(username);
        return progress;
    }

    /** Starts a rebuild in the background; administrators only, 409 while one runs. */
    public Progress start(String username) {
        requireAdmin(username);
        claim();
        Thread worker = new Thread(() -> run(p -> { }), "search-reindex");
        worker.setDaemon(true);
        worker.start();
        return progress;
    }

    /**
     * Rebuilds in the caller's thread, telling {@code observer} after each batch; 409 while another runs. For the
     * command line, whose user already holds the server.
     */
    public Progress runNow(Consumer<Progress> observer) {
        claim();
        return run(observer);
    }

    private void requireAdmin(String username) {
        SearchIndexing.requireAdmin(people, username, "只有管理员可以重建检索索引");
    }

    private void claim() {
        if (!running.compareAndSet(false, true)) {
            throw new ConflictException("索引正在重建，请等待本次完成");
        }
        progress = new Progress("STARTING", 0, 0, clock.instant(), null, null, true, null, null, 0);
    }

    private Progress run(Consumer<Progress> observer) {
        Instant started = progress.startedAt();
        try {
            Rebuild.Result result = rebuild.run((phase, done, total) -> {
                progress = new Progress(phase, done, total, started, null, null, true, null, null, 0);
                observer.accept(progress);
            });
            progress = new Progress("DONE", result.loaded(), Math.max(progress.total(), result.loaded()), started,
                    clock.instant(), null, false, rebuild.indexed(), rebuild.expected(), result.refused());
        } catch (RuntimeException e) {
            log.warn("search reindex failed", e);
            progress = new Progress("FAILED", progress.done(), progress.total(), started, clock.instant(),
                    e.getClass().getSimpleName() + ": " + e.getMessage(), false, null, null, 0);
        } finally {
            running.set(false);
        }
        observer.accept(progress);
        return progress;
    }
}
