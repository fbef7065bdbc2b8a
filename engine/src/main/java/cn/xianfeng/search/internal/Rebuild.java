package cn.xianfeng.search.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.internal.Sources.AuditRow;
import cn.xianfeng.search.internal.Sources.CaseRow;
import cn.xianfeng.search.internal.Sources.TaskRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Rebuilds the index from PostgreSQL into a new generation (index or table) while the old one keeps serving:
 * cases with their audit events and tasks, then the events of no case, in batches. The new one is swapped in only when every batch was
 * stored and the refused documents are few (they become dead letters); then the indexer goes back to where it
 * stood when the rebuild began, so what happened meanwhile reaches the new generation too.
 */
@Component
public class Rebuild {

    /** Receives the phase and the number of documents loaded out of the total after each batch. */
    public interface Observer {
        void progressed(String phase, long done, long total);
    }

    /** {@code loaded}: documents sent; {@code refused}: of those, refused by the index (now dead letters). */
    public record Result(long loaded, long refused) {
    }

    private static final Duration LEASE = Duration.ofMinutes(5);

    private final Sources sources;
    private final SearchIndex index;
    private final IndexingCursor cursor;
    private final IndexingFailures failures;
    private final int batch;
    private final int maxRefused;
    private final String owner = "rebuild-" + UUID.randomUUID();
    /** When this rebuild last renewed its lease (System.nanoTime). */
    private long renewed;

    Rebuild(Sources sources, SearchIndex index, IndexingCursor cursor, IndexingFailures failures,
            @Value("${xianfeng.search.reindex-batch:500}") int batch,
            @Value("${xianfeng.search.rebuild-max-refused:100}") int maxRefused) {
        this.sources = sources;
        this.index = index;
        this.cursor = cursor;
        this.failures = failures;
        this.batch = batch;
        this.maxRefused = maxRefused;
    }

    /** How many documents PostgreSQL holds now: audit events, cases and their tasks. */
    public long expected() {
        return sources.auditCount() + sources.caseCount() + sources.taskCount();
    }

    public long indexed() {
        return index.count();
    }

    public Result run(Observer observer) {
        if (cursor.claim(IndexingCursor.REBUILD, owner, LEASE).isEmpty()) {
            throw new ConflictException(Refusal.of("search.rebuildElsewhere"));
        }
        renewed = System.nanoTime();
        try {
            IndexingCursor.Position start = cursor.position();
            long total = expected();
            observer.progressed("PREPARING", 0, total);
            SearchIndex.Generation next = index.rebuilding();
            try {
                Result result = load(next, observer, total);
                if (result.refused() > maxRefused) {
                    throw new IllegalStateException("the index refused " + result.refused() + " documents (at most "
                            + maxRefused + " allowed); the former index keeps serving");
                }
                long held = next.count();
                if (held != result.loaded() - result.refused()) {
                    throw new IllegalStateException("the new index holds " + held + " documents, "
                            + (result.loaded() - result.refused()) + " were stored; the former index keeps serving");
                }
                observer.progressed("SWAPPING", result.loaded(), Math.max(total, result.loaded()));
                next.publish();
                cursor.rewind(start);
                return result;
            } catch (RuntimeException e) {
                next.discard();
                throw e;
            }
        } finally {
            cursor.release(IndexingCursor.REBUILD, owner);
        }
    }

    /** The lease runs for minutes: renewed once a tenth of it has passed, not before every batch. */
    private void renewLease() {
        long now = System.nanoTime();
        if (now - renewed > LEASE.toNanos() / 10) {
            cursor.claim(IndexingCursor.REBUILD, owner, LEASE);
            renewed = now;
        }
    }

    /**
     * Cases in batches, each with its audit events (read once: they give the events' documents and the case's text)
     * and its tasks; then the events that belong to no case record.
     */
    private Result load(SearchIndex.Generation next, Observer observer, long total) {
        long done = 0;
        long refused = 0;
        try (RebuildPipeline pipeline = new RebuildPipeline(next, failures)) {
            String lastCase = "";
            for (List<CaseRow> cases; !(cases = sources.casesAfter(lastCase, batch)).isEmpty(); ) {
                renewLease();
                List<String> ids = cases.stream().map(CaseRow::id).toList();
                Map<String, List<AuditRow>> events = sources.auditOfCases(ids).stream()
                        .collect(Collectors.groupingBy(AuditRow::caseId));
                Map<String, List<TaskRow>> tasks = sources.tasksOfCases(ids).stream()
                        .collect(Collectors.groupingBy(TaskRow::caseId));
                List<SearchDocument> documents = new ArrayList<>();
                Map<String, Long> owners = new HashMap<>();
                for (CaseRow c : cases) {
                    List<AuditRow> own = events.getOrDefault(c.id(), List.of());
                    List<String> texts = new ArrayList<>(own.size());
                    for (AuditRow e : own) {
                        SearchDocument d = Documents.audit(e, c);
                        documents.add(d);
                        texts.add(d.text());
                        owners.put(d.id(), e.id());
                    }
                    List<SearchDocument> derived = Documents.ofCase(c, own, texts, tasks.getOrDefault(c.id(), List.of()));
                    // a refused case or task document is the dead letter of the case's latest event
                    own.stream().mapToLong(AuditRow::id).max()
                            .ifPresent(latest -> derived.forEach(d -> owners.put(d.id(), latest)));
                    documents.addAll(derived);
                }
                refused += pipeline.send(documents, owners);
                done += documents.size();
                lastCase = ids.get(ids.size() - 1);
                observer.progressed("CASES_AND_TASKS", done, Math.max(total, done));
            }
            long lastId = 0;
            for (List<AuditRow> events; !(events = sources.auditWithoutCaseAfterId(lastId, batch * 4)).isEmpty(); ) {
                cursor.claim(IndexingCursor.REBUILD, owner, LEASE);
                Map<String, Long> owners = new HashMap<>();
                List<SearchDocument> documents = new ArrayList<>(events.size());
                for (AuditRow e : events) {
                    SearchDocument d = Documents.audit(e, null);
                    documents.add(d);
                    owners.put(d.id(), e.id());
                }
                refused += pipeline.send(documents, owners);
                done += events.size();
                lastId = events.get(events.size() - 1).id();
                observer.progressed("AUDIT_EVENTS", done, Math.max(total, done));
            }
            refused += pipeline.drain();
        }
        return new Result(done, refused);
    }
}
