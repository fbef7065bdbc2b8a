package cn.xianfeng.search.internal;

import cn.xianfeng.audit.AuditEventRecorded;
import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.internal.Sources.AuditRow;
import cn.xianfeng.search.internal.Sources.CaseRow;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Indexes each audit event after its transaction commits, and with it re-derives its case's document and the
 * documents of the case's tasks: every action on a case records an audit event, so this keeps all three kinds
 * current. The event publication registry keeps the event until this succeeds, so an Elasticsearch outage
 * delays indexing but loses nothing.
 */
@Component
class AuditIndexer {

    private final Sources sources;
    private final SearchIndex index;

    AuditIndexer(Sources sources, SearchIndex index) {
        this.sources = sources;
        this.index = index;
    }

    @ApplicationModuleListener
    void on(AuditEventRecorded recorded) {
        sources.audit(recorded.id()).ifPresent(e -> index.index(documents(e)));
    }

    List<SearchDocument> documents(AuditRow e) {
        Optional<CaseRow> c = e.caseId() == null ? Optional.empty() : sources.caseRow(e.caseId());
        List<SearchDocument> out = new ArrayList<>();
        out.add(Documents.audit(e, c.orElse(null)));
        c.ifPresent(row -> out.addAll(Documents.ofCase(row, sources.auditOfCases(List.of(row.id())),
                sources.tasksOfCases(List.of(row.id())))));
        return out;
    }
}
