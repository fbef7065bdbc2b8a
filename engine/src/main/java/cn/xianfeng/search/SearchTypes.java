package cn.xianfeng.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The search contract both adapters answer. */
public final class SearchTypes {

    private SearchTypes() {
    }

    /** What a document stands for: a whole case, one task of it, or one audit event. */
    public enum Kind { CASE, TASK, AUDIT }

    /**
     * One indexed document, with enough of its case to filter and show it. {@code actor}: who acted (audit), the
     * starter (case) or the assignee (task); {@code at}: when it happened, started or was created; {@code name}: the
     * case's subject or the task's step name; {@code candidates}: the groups and people a task is offered to;
     * {@code version}: the number of audit events of its case when it was derived, so an older derivation never
     * replaces a newer one.
     */
    public record SearchDocument(String id, Kind kind, String caseId, String process, String caseSubject,
                                 String orgCode, String orgPath, String actor, String action, String stepId,
                                 Instant at, String text, String name, String status, List<String> candidates,
                                 Instant due, Instant ended, long version) {

        public SearchDocument {
            candidates = candidates == null ? List.of() : List.copyOf(candidates);
        }

        /** An audit event's document. */
        public SearchDocument(String id, String caseId, String process, String caseSubject, String orgCode,
                              String orgPath, String actor, String action, String stepId, Instant at, String text) {
            this(id, Kind.AUDIT, caseId, process, caseSubject, orgCode, orgPath, actor, action, stepId, at, text,
                    null, null, List.of(), null, null, 0);
        }
    }

    /** {@code orgPaths}: the subtrees the viewer may read; null means everywhere (administrators). */
    public record SearchQuery(String text, Kind kind, String process, String orgPath, String actor, String action,
                              Instant from, Instant to, List<String> orgPaths, int page, int size) {

        public SearchQuery(String text, String process, String orgPath, String actor, String action, Instant from,
                           Instant to, List<String> orgPaths, int page, int size) {
            this(text, null, process, orgPath, actor, action, from, to, orgPaths, page, size);
        }
    }

    public record SearchHit(String id, String caseId, String process, String caseSubject, String orgCode, String actor,
                            String action, String stepId, Instant at, String highlight, Kind kind, String name,
                            String status, List<String> candidates, Instant due, Instant ended) {
    }

    /** Facets: kind, process, action, org (top orgs by code) and actor, each value with its count. */
    public record SearchResult(List<SearchHit> items, long total, Map<String, Map<String, Long>> facets) {
        /** Events without a case have no process: a null facet key cannot be written as JSON (it was a 500). */
        public SearchResult {
            if (facets != null) {
                Map<String, Map<String, Long>> clean = new java.util.LinkedHashMap<>();
                facets.forEach((facet, counts) -> {
                    Map<String, Long> kept = new java.util.LinkedHashMap<>();
                    counts.forEach((k, n) -> kept.put(k == null ? "" : k, n));
                    clean.put(facet, kept);
                });
                facets = clean;
            }
        }
    }

    /** The facets every adapter returns, in this order; the value is the document field they count. */
    public static final Map<String, String> FACETS = facets();

    private static Map<String, String> facets() {
        Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("kind", "kind");
        f.put("process", "process");
        f.put("action", "action");
        f.put("org", "orgCode");
        f.put("actor", "actor");
        return java.util.Collections.unmodifiableMap(f);
    }
}
