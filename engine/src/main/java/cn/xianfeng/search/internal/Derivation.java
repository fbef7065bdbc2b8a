package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.internal.CaseSources.CaseSource;
import cn.xianfeng.search.internal.Sources.AuditRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The indexer's documents of a batch of audit events: every event's, and each touched case's once. */
final class Derivation {

    private Derivation() {
    }

    /**
     * {@code sources}: document id → the events it was derived from; {@code failed}: events whose documents could
     * not be derived (unreadable rows), with the reason.
     */
    record Derived(List<SearchDocument> documents, Map<String, Set<Long>> sources, Map<Long, String> failed) {
    }

    /** Every event's document, and each touched case's documents once, from the case's rows as they stand now. */
    static Derived derive(Sources sources, List<AuditRow> events) {
        Set<String> caseIds = events.stream().map(AuditRow::caseId).filter(id -> id != null)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return derive(events, sources.casesWithSources(caseIds));
    }

    /** As {@link #derive(Sources, List)}, from the recorded cases' sources read already ({@code cases}, by id). */
    static Derived derive(List<AuditRow> events, Map<String, CaseSource> cases) {

        List<SearchDocument> documents = new ArrayList<>();
        Map<String, Set<Long>> origin = new HashMap<>();
        Map<Long, String> failed = new HashMap<>();
        Map<String, Set<Long>> byCase = new LinkedHashMap<>();
        for (AuditRow e : events) {
            CaseSource c = e.caseId() == null ? null : cases.get(e.caseId());
            try {
                SearchDocument d = Documents.audit(e, c == null ? null : c.row());
                documents.add(d);
                origin.computeIfAbsent(d.id(), k -> new LinkedHashSet<>()).add(e.id());
            } catch (RuntimeException x) {
                failed.put(e.id(), "document not derived: " + x);
            }
            if (c != null) {
                byCase.computeIfAbsent(e.caseId(), k -> new LinkedHashSet<>()).add(e.id());
            }
        }
        byCase.forEach((caseId, ids) -> {
            CaseSource c = cases.get(caseId);
            try {
                for (SearchDocument d : c.documents()) {
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
