package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.internal.Sources.AuditRow;
import cn.xianfeng.search.internal.Sources.CaseRow;
import cn.xianfeng.search.internal.Sources.TaskRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rebuilds the index from PostgreSQL: clears it, then loads audit events and then cases with their tasks in
 * batches, each batch one bulk request. Listeners keep indexing meanwhile; document versions keep the newer copy.
 */
@Component
public class Rebuild {

    /** Receives the phase and the number of documents loaded out of the total after each batch. */
    public interface Observer {
        void progressed(String phase, long done, long total);
    }

    private final Sources sources;
    private final SearchIndex index;
    private final int batch;

    Rebuild(Sources sources, SearchIndex index, @Value("${xianfeng.search.reindex-batch:500}") int batch) {
        this.sources = sources;
        this.index = index;
        this.batch = batch;
    }

    /** How many documents PostgreSQL holds now: audit events, cases and their tasks. */
    public long expected() {
        return sources.auditCount() + sources.caseCount() + sources.taskCount();
    }

    public long indexed() {
        return index.count();
    }

    public void run(Observer observer) {
        long total = expected();
        observer.progressed("CLEARING", 0, total);
        index.clear();
        long done = 0;
        long lastId = 0;
        for (List<AuditRow> events; !(events = sources.auditAfter(lastId, batch * 4)).isEmpty(); ) {
            Map<String, CaseRow> cases = sources.cases(events.stream().map(AuditRow::caseId)
                    .filter(id -> id != null).collect(Collectors.toSet()));
            index.load(events.stream().map(e -> Documents.audit(e, e.caseId() == null ? null : cases.get(e.caseId())))
                    .toList());
            done += events.size();
            lastId = events.get(events.size() - 1).id();
            observer.progressed("AUDIT_EVENTS", done, total);
        }
        String lastCase = "";
        for (List<CaseRow> cases; !(cases = sources.casesAfter(lastCase, batch)).isEmpty(); ) {
            List<String> ids = cases.stream().map(CaseRow::id).toList();
            Map<String, List<AuditRow>> events = sources.auditOfCases(ids).stream()
                    .collect(Collectors.groupingBy(AuditRow::caseId));
            Map<String, List<TaskRow>> tasks = sources.tasksOfCases(ids).stream()
                    .collect(Collectors.groupingBy(TaskRow::caseId));
            List<SearchDocument> documents = new ArrayList<>();
            cases.forEach(c -> documents.addAll(Documents.ofCase(c, events.getOrDefault(c.id(), List.of()),
                    tasks.getOrDefault(c.id(), List.of()))));
            index.load(documents);
            done += documents.size();
            lastCase = ids.get(ids.size() - 1);
            observer.progressed("CASES_AND_TASKS", done, Math.max(total, done));
        }
    }
}
