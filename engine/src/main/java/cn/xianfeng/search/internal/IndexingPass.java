package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.internal.Derivation.Derived;
import cn.xianfeng.search.internal.IndexingCursor.Claim;
import cn.xianfeng.search.internal.IndexingCursor.Move;
import cn.xianfeng.search.internal.IndexingCursor.Position;
import cn.xianfeng.search.internal.Sources.AuditRow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One step of the indexer: the next batch of audit events after the cursor (and failed events due again), their
 * documents with each touched case and its tasks derived once, one write to the index, then the cursor moved (which
 * renews the lease). The events and their cases' sources are read in one statement (with failed events due, in
 * three). On PostgreSQL search a batch is one transaction of two statements: that read, then the documents written
 * and the cursor moved in one statement ({@link PostgresTransactionalStep}). On
 * Elasticsearch no database transaction is held while the index is written; while one batch is written the next is
 * read and derived. A step goes on while batches come full, until half the lease is used. A refused document
 * counts a failed attempt for the events it came from; a store that cannot be reached leaves the cursor where it
 * was (a batch read ahead is then dropped unwritten).
 */
@Component
class IndexingPass {

    /** {@code INDEXED}: indexed up to the end of what was committed; {@code MORE}: stopped early, more may follow. */
    enum Result { NOT_OURS, IDLE, INDEXED, MORE }

    /** Renewed by every cursor move, else when a third of it has passed; a node that died holds it this long at most. */
    static final Duration LEASE = Duration.ofSeconds(10);

    private final Sources sources;
    private final SearchIndex index;
    private final IndexingCursor cursor;
    private final IndexingFailures failures;
    private final int batch;
    private final WrittenTasks writtenTasks = new WrittenTasks();
    /** Null without a transaction manager (a pass built by hand) or on Elasticsearch. */
    private final PostgresTransactionalStep transactional;
    /** Writes one batch while the indexer's thread reads the next (its name counts it as the indexer's). */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "search-indexer-write");
        t.setDaemon(true);
        return t;
    });
    private final HeldLease lease;

    IndexingPass(Sources sources, SearchIndex index, IndexingCursor cursor, IndexingFailures failures, int batch) {
        this(sources, index, cursor, failures, batch, null);
    }

    @Autowired
    IndexingPass(Sources sources, SearchIndex index, IndexingCursor cursor, IndexingFailures failures,
                 @Value("${xianfeng.search.index-batch:2000}") int batch, PlatformTransactionManager transactions) {
        this.sources = sources;
        this.index = index;
        this.cursor = cursor;
        this.failures = failures;
        this.batch = batch;
        this.lease = new HeldLease(cursor, LEASE);
        this.transactional = transactions != null && index instanceof PostgresSearchIndex pg
                ? new PostgresTransactionalStep(pg, cursor, new TransactionTemplate(transactions)) : null;
    }

    /** A batch read and derived: the events after the cursor ({@code events}), and due ones retried. */
    record Batch(List<AuditRow> events, List<Long> due, Derived derived) {

        Position end(Position from) {
            AuditRow last = events.isEmpty() ? null : events.get(events.size() - 1);
            return last == null ? from : new Position(last.xid(), last.id());
        }
    }

    Result run(String owner) {
        Claim claim = lease.claim(owner, () -> {
            // another node indexed meanwhile, or a rebuild swapped the index: it may hold other task documents,
            // and the other node may have left failures to retry
            writtenTasks.forget();
            failures.lookSoon();
        });
        if (claim == null) {
            return Result.NOT_OURS;
        }
        long until = System.nanoTime() + LEASE.toNanos() / 2;
        List<Long> due = failures.dueIfAny(Math.max(1, batch / 10));
        return transactional != null ? runTransactional(owner, claim, due, until) : runPipelined(owner, claim, due, until);
    }

    /** The lease given up (the worker stops): the next pass claims it first. */
    void forgetClaim() {
        lease.forget();
    }

    private Result runTransactional(String owner, Claim claim, List<Long> due, long until) {
        Position from = claim.position();
        boolean indexed = false;
        while (true) {
            Position at = from;
            long sent = System.nanoTime();
            PostgresTransactionalStep.Outcome step = transactional.run(at, due, this::read,
                    b -> new Move(owner, at, b.end(at), claim.generation(), LEASE), writtenTasks, this::recordFailures);
            if (step.batch() == null) {
                return indexed ? Result.INDEXED : Result.IDLE;
            }
            indexed = true;
            if (!step.moved()) {
                lease.forget(); // rewound or taken over: the next pass claims again
                return Result.INDEXED;
            }
            if (step.batch().events().isEmpty()) {
                return Result.INDEXED; // retried events only: nothing after the cursor
            }
            from = step.batch().end(at);
            lease.moved(new Claim(from, claim.generation()), sent);
            if (step.batch().events().size() < batch) {
                return Result.INDEXED;
            }
            if (System.nanoTime() > until) {
                return Result.MORE;
            }
            due = List.of();
        }
    }

    private Result runPipelined(String owner, Claim claim, List<Long> due, long until) {
        Position from = claim.position();
        Batch current = read(from, due);
        if (current == null) {
            return Result.IDLE;
        }
        while (current != null) {
            // task documents compared with what was stored only now: the previous batch's outcome is known
            List<SearchDocument> changed = writtenTasks.changed(current.derived().documents());
            Future<IndexOutcome> write = writer.submit(() -> index.index(changed));
            boolean full = current.events().size() >= batch;
            boolean late = System.nanoTime() >= until;
            Batch next = null;
            RuntimeException unread = null;
            if (full && !late) {
                try {
                    next = read(current.end(from), List.of());
                } catch (RuntimeException e) {
                    unread = e; // the write in flight still counts
                }
            }
            IndexOutcome outcome = outcome(write);
            writtenTasks.stored(changed, outcome.rejected());
            recordFailures(current, outcome);
            if (!current.events().isEmpty()) {
                Position to = current.end(from);
                long sent = System.nanoTime();
                if (!cursor.advance(new Move(owner, from, to, claim.generation(), LEASE))) {
                    lease.forget(); // rewound or taken over: what was read ahead is theirs to index
                    return Result.INDEXED;
                }
                lease.moved(new Claim(to, claim.generation()), sent);
                from = to;
            }
            if (unread != null) {
                throw unread;
            }
            if (full && late) {
                return Result.MORE;
            }
            current = next;
        }
        return Result.INDEXED;
    }

    /** The events after {@code from} and the due ones with their documents; null when there are none. */
    private Batch read(Position from, List<Long> due) {
        if (due.isEmpty()) {
            CaseSources.Batch read = sources.auditAfterWithCases(from, batch);
            return read.events().isEmpty() ? null
                    : new Batch(read.events(), due, Derivation.derive(read.events(), read.cases()));
        }
        List<AuditRow> events = sources.auditAfter(from, batch);
        if (events.isEmpty() && due.isEmpty()) {
            return null;
        }
        Map<Long, AuditRow> all = new LinkedHashMap<>();
        sources.auditByIds(due).forEach(e -> all.put(e.id(), e));
        events.forEach(e -> all.put(e.id(), e));
        return new Batch(events, due, Derivation.derive(sources, List.copyOf(all.values())));
    }

    private void recordFailures(Batch b, IndexOutcome outcome) {
        Map<Long, String> failed = new HashMap<>(b.derived().failed());
        outcome.rejected().forEach((id, reason) -> b.derived().sources().getOrDefault(id, Set.of())
                .forEach(event -> failed.putIfAbsent(event, reason)));
        failed.forEach(failures::failed);
        failures.cleared(b.due().stream().filter(id -> !failed.containsKey(id)).toList());
    }

    private static IndexOutcome outcome(Future<IndexOutcome> write) {
        try {
            return write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            write.cancel(true);
            throw new SearchUnavailableException("indexing interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new SearchUnavailableException("the index write failed: " + e.getCause(), e.getCause());
        }
    }
}
