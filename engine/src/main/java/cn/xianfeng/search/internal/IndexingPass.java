package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.internal.IndexingCursor.Position;
import cn.xianfeng.search.internal.Sources.AuditRow;
import cn.xianfeng.search.internal.Sources.CaseRow;
import cn.xianfeng.search.internal.Sources.TaskRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * One step of the indexer: the next batch of audit events after the cursor (and failed events due again), their
 * documents with each touched case and its tasks derived once, one write to the index, then the cursor moved; and
 * while that write is in flight the batch after it read and derived, so that reading PostgreSQL and writing the
 * index overlap (a step goes on so until nothing is left or half the lease is used). No database transaction is
 * held while the index is written. A refused document counts a failed attempt for the events it came from; a store
 * that cannot be reached leaves the cursor where it was (a batch read ahead is then dropped unwritten).
 */
@Component
class IndexingPass {

    enum Result { NOT_OURS, IDLE, INDEXED }

    /** Renewed every pass (at least every poll interval); a node that died holds it this long at most. */
    static final Duration LEASE = Duration.ofSeconds(10);

    private final Sources sources;
    private final SearchIndex index;
    private final IndexingCursor cursor;
    private final IndexingFailures failures;
    private final int batch;
    private final WrittenTasks writtenTasks = new WrittenTasks();
    /** Writes one batch while the indexer's thread reads the next (its name counts it as the indexer's). */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "search-indexer-write");
        t.setDaemon(true);
        return t;
    });
    /** Where this indexer left the cursor, and its generation; anything else means someone else moved it. */
    private IndexingCursor.Claim left;

    IndexingPass(Sources sources, SearchIndex index, IndexingCursor cursor, IndexingFailures failures,
                 @Value("${xianfeng.search.index-batch:2000}") int batch) {
        this.sources = sources;
        this.index = index;
        this.cursor = cursor;
        this.failures = failures;
        this.batch = batch;
    }

    /** A batch read and derived: the events after the cursor ({@code events}), and due ones retried. */
    private record Batch(List<AuditRow> events, List<Long> due, Derived derived) {

        Position end(Position from) {
            AuditRow last = events.isEmpty() ? null : events.get(events.size() - 1);
            return last == null ? from : new Position(last.xid(), last.id());
        }
    }

    Result run(String owner) {
        IndexingCursor.Claim claim = cursor.claimed(IndexingCursor.NAME, owner, LEASE).orElse(null);
        if (claim == null) {
            return Result.NOT_OURS;
        }
        if (!claim.equals(left)) {
            // another node indexed meanwhile, or a rebuild swapped the index: it may hold other task documents
            writtenTasks.forget();
        }
        left = claim;
        long until = System.nanoTime() + LEASE.toNanos() / 2;
        Position from = claim.position();
        Batch current = read(from, failures.due(Math.max(1, batch / 10)));
        if (current == null) {
            return Result.IDLE;
        }
        while (current != null) {
            // task documents compared with what was stored only now: the previous batch's outcome is known
            List<SearchDocument> changed = writtenTasks.changed(current.derived().documents());
            Future<IndexOutcome> write = writer.submit(() -> index.index(changed));
            Batch next = null;
            RuntimeException unread = null;
            if (System.nanoTime() < until) {
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
                if (!cursor.advance(owner, from, to)) {
                    left = null; // rewound or taken over: what was read ahead is theirs to index
                    return Result.INDEXED;
                }
                left = new IndexingCursor.Claim(to, claim.generation());
                from = to;
            }
            if (unread != null) {
                throw unread;
            }
            current = next;
        }
        return Result.INDEXED;
    }

    /** The events after {@code from} and the due ones with their documents; null when there are none. */
    private Batch read(Position from, List<Long> due) {
        List<AuditRow> events = sources.auditAfter(from, batch);
        if (events.isEmpty() && due.isEmpty()) {
            return null;
        }
        Map<Long, AuditRow> all = new LinkedHashMap<>();
        sources.auditByIds(due).forEach(e -> all.put(e.id(), e));
        events.forEach(e -> all.put(e.id(), e));
        return new Batch(events, due, derive(List.copyOf(all.values())));
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

    /**
     * {@code sources}: document id → the events it was derived from; {@code failed}: events whose documents could
     * not be derived (unreadable rows), with the reason.
     */
    record Derived(List<SearchDocument> documents, Map<String, Set<Long>> sources, Map<Long, String> failed) {
    }

    /** Every event's document, and each touched case's documents once, from the case's rows as they stand now. */
    Derived derive(List<AuditRow> events) {
        Set<String> caseIds = events.stream().map(AuditRow::caseId).filter(id -> id != null)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, CaseRow> cases = sources.cases(caseIds);
        List<String> known = List.copyOf(cases.keySet());
        Map<String, List<AuditRow>> trail = known.isEmpty() ? Map.of() : sources.auditOfCases(known).stream()
                .collect(Collectors.groupingBy(AuditRow::caseId));
        Map<String, List<TaskRow>> tasks = known.isEmpty() ? Map.of() : sources.tasksOfCases(known).stream()
                .collect(Collectors.groupingBy(TaskRow::caseId));

        List<SearchDocument> documents = new ArrayList<>();
        Map<String, Set<Long>> origin = new HashMap<>();
        Map<Long, String> failed = new HashMap<>();
        Map<String, Set<Long>> byCase = new LinkedHashMap<>();
        for (AuditRow e : events) {
            try {
                SearchDocument d = Documents.audit(e, e.caseId() == null ? null : cases.get(e.caseId()));
                documents.add(d);
                origin.computeIfAbsent(d.id(), k -> new LinkedHashSet<>()).add(e.id());
            } catch (RuntimeException x) {
                failed.put(e.id(), "document not derived: " + x);
            }
            if (e.caseId() != null && cases.containsKey(e.caseId())) {
                byCase.computeIfAbsent(e.caseId(), k -> new LinkedHashSet<>()).add(e.id());
            }
        }
        byCase.forEach((caseId, ids) -> {
            try {
                for (SearchDocument d : Documents.ofCase(cases.get(caseId), trail.getOrDefault(caseId, List.of()),
                        tasks.getOrDefault(caseId, List.of()))) {
                    documents.add(d);
                    origin.computeIfAbsent(d.id(), k -> new LinkedHashSet<>()).addAll(ids);
                }
            } catch (RuntimeException x) {
                ids.forEach(id -> failed.putIfAbsent(id, "case documents not derived: " + x));
            }
        });
        return new Derived(documents, origin, failed);
    }
}
