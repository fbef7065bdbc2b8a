package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.Kind;
import cn.xianfeng.search.SearchTypes.SearchDocument;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Task documents this indexer stored, as it stored them (version aside): every event of a case derives all the
 * case's task documents again, and most events (a comment, a document issued) change none of them. Writing only
 * those that differ halves what each event costs the index. Exact (documents compared with equals, not hashed) and
 * bounded (least recently written forgotten, then simply written again); forgotten whenever the index may hold
 * something else than what this indexer wrote: another node held the cursor, a rebuild moved it back.
 */
final class WrittenTasks {

    static final int CAPACITY = 20_000;

    private final Map<String, SearchDocument> written = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SearchDocument> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The documents to write: all but the task documents stored already exactly as they are now. */
    synchronized List<SearchDocument> changed(List<SearchDocument> documents) {
        return documents.stream().filter(d -> d.kind() != Kind.TASK || !unversioned(d).equals(written.get(d.id())))
                .toList();
    }

    /** These were stored (not refused). */
    synchronized void stored(List<SearchDocument> documents, Map<String, String> refused) {
        for (SearchDocument d : documents) {
            if (d.kind() == Kind.TASK) {
                if (refused.containsKey(d.id())) {
                    written.remove(d.id());
                } else {
                    written.put(d.id(), unversioned(d));
                }
            }
        }
    }

    synchronized void forget() {
        written.clear();
    }

    synchronized int size() {
        return written.size();
    }

    private static SearchDocument unversioned(SearchDocument d) {
        return new SearchDocument(d.id(), d.kind(), d.caseId(), d.process(), d.caseSubject(), d.orgCode(), d.orgPath(),
                d.actor(), d.action(), d.stepId(), d.at(), d.text(), d.name(), d.status(), d.candidates(), d.due(),
                d.ended(), 0);
    }
}
