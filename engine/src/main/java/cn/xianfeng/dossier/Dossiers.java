package cn.xianfeng.dossier;

import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.dossier.internal.DossierWriter;
import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.WorkflowTypes.CaseView;
import org.springframework.stereotype.Service;

import java.time.Clock;

/**
 * Issues a case's dossier. Every request issues a new one (kind DOSSIER, with its own verification code), so that
 * a dossier always shows the case as it stands; earlier ones stay verifiable.
 */
@Service
public class Dossiers {

    public static final String KIND = "DOSSIER";

    private final Cases cases;
    private final AuditTrail audit;
    private final Attachments attachments;
    private final Documents documents;
    private final Orgs orgs;
    private final People people;
    private final Clock clock;

    Dossiers(Cases cases, AuditTrail audit, Attachments attachments, Documents documents, Orgs orgs, People people,
             Clock clock) {
        this.cases = cases;
        this.audit = audit;
        this.attachments = attachments;
        this.documents = documents;
        this.orgs = orgs;
        this.people = people;
        this.clock = clock;
    }

    /** The dossier of a case the viewer may see (404 otherwise). */
    public Documents.Issued issue(String caseId, String viewer) {
        return issue(cases.view(caseId, viewer), viewer);
    }

    /** The dossier the system stores before it archives a closed case's engine history (retention). */
    public Documents.Issued issueForArchive(String caseId, String actor) {
        return issue(cases.viewAsSystem(caseId), actor);
    }

    private Documents.Issued issue(CaseView view, String viewer) {
        String caseId = view.id();
        var events = audit.forCase(caseId);
        // checked before issuing: the issue itself appends DOCUMENT_ISSUED to the chain
        var verification = audit.verifyChain(caseId);
        var org = orgs.get(view.orgCode());
        DossierWriter writer = new DossierWriter(view, org.name(), events, verification, attachments.ofCase(caseId),
                attachments::content, cases::formOf, cases::stepName,
                u -> people.find(u).map(p -> p.name() + "（" + u + "）").orElse(u), clock.getZone());
        return documents.issue(new Documents.NewDocument(KIND, caseId, "案卷 · " + view.processName() + " · "
                + (view.subject() == null ? caseId : view.subject()), org.name(), org.code(), null), writer::write, viewer);
    }
}
