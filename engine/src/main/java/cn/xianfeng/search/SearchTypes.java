package cn.xianfeng.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The search contract both adapters answer. */
public final class SearchTypes {

    private SearchTypes() {
    }

    /** One indexed audit event, with enough of its case to filter and show it. */
    public record SearchDocument(String id, String caseId, String process, String caseSubject, String orgCode,
                                 String orgPath, String actor, String action, String stepId, Instant at, String text) {
    }

    /** {@code orgPaths}: the subtrees the viewer may read; null means everywhere (administrators). */
    public record SearchQuery(String text, String process, String orgPath, String actor, String action,
                              Instant from, Instant to, List<String> orgPaths, int page, int size) {
    }

    public record SearchHit(String id, String caseId, String process, String caseSubject, String orgCode, String actor,
                            String action, String stepId, Instant at, String highlight) {
    }

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
}
