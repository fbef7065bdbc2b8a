package cn.xianfeng.search.internal;

import cn.xianfeng.audit.AuditEvent;
import cn.xianfeng.audit.AuditEventRecorded;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.workflow.CaseDirectory;
import cn.xianfeng.workflow.CaseDirectory.CaseInfo;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Indexes each audit event after its transaction commits. The event publication registry keeps the event
 * until this succeeds, so an Elasticsearch outage delays indexing but loses nothing.
 */
@Component
public class AuditIndexer {

    private final AuditTrail audit;
    private final CaseDirectory cases;
    private final Orgs orgs;
    private final SearchIndex index;

    AuditIndexer(AuditTrail audit, CaseDirectory cases, Orgs orgs, SearchIndex index) {
        this.audit = audit;
        this.cases = cases;
        this.orgs = orgs;
        this.index = index;
    }

    @ApplicationModuleListener
    void on(AuditEventRecorded recorded) {
        audit.find(recorded.id()).map(this::document).ifPresent(d -> index.index(List.of(d)));
    }

    public SearchDocument document(AuditEvent e) {
        Optional<CaseInfo> info = cases.find(e.caseId());
        String orgCode = info.map(CaseInfo::orgCode).orElse(e.orgCode());
        String orgPath = info.map(CaseInfo::orgPath)
                .orElseGet(() -> orgCode == null ? null : orgs.find(orgCode).map(Org::path).orElse(null));
        return new SearchDocument("audit-" + e.id(), e.caseId(), info.map(CaseInfo::process).orElse(null),
                info.map(CaseInfo::subject).orElse(null), orgCode, orgPath, e.actor(), e.action(), e.stepId(), e.at(),
                text(e));
    }

    /** What full-text search matches: the comment and every value the form carried. */
    private static String text(AuditEvent e) {
        String values = e.data() == null ? "" : e.data().values().stream().map(AuditIndexer::flatten)
                .collect(Collectors.joining(" "));
        return String.join(" ", e.comment() == null ? "" : e.comment(), values).strip();
    }

    private static String flatten(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m.values().stream().map(AuditIndexer::flatten).collect(Collectors.joining(" "));
        }
        if (v instanceof List<?> l) {
            return l.stream().map(AuditIndexer::flatten).collect(Collectors.joining(" "));
        }
        return v == null ? "" : v.toString();
    }
}
