package cn.xianfeng.dossier;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.dossier.internal.DossierTitle;
import cn.xianfeng.dossier.internal.DossierWriter;
import cn.xianfeng.dossier.internal.PersonNames;
import cn.xianfeng.evidence.CaseFiles;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.audit.CheckedChain;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.dossier.internal.NamedValues;
import cn.xianfeng.org.DisplayNames;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.WorkflowTypes.CaseView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Set;

/**
 * A case's dossier (kind DOSSIER, signed PDF/A with its own verification code). Reading it serves the stored
 * dossier while the case stands as it was when that was issued (no audit event since), and issues a new one only
 * when the case changed; an officer over the case's org may issue a new one at will. Earlier ones stay verifiable.
 */
@Service
public class Dossiers {

    public static final String KIND = "DOSSIER";
    /** Who may issue a dossier on request: officers and reviewers of the case's org or an org above it. */
    static final Role[] ISSUERS = {Role.SECRETARY, Role.BRANCH_COMMITTEE, Role.COMMITTEE_REVIEWER, Role.ORG_DEPARTMENT,
            Role.ADMIN};

    private final Cases cases;
    private final AuditTrail audit;
    private final CaseFiles files;
    private final Documents documents;
    private final DisplayNames displayNames;
    private final Clock clock;
    private final JdbcClient jdbc;

    Dossiers(Cases cases, AuditTrail audit, CaseFiles files, Documents documents, DisplayNames displayNames,
             Clock clock, JdbcClient jdbc) {
        this.cases = cases;
        this.audit = audit;
        this.files = files;
        this.documents = documents;
        this.displayNames = displayNames;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /**
     * The dossier of a case the viewer may see (404 otherwise) as the case stands: the stored one if nothing was
     * recorded on the case since it was issued, else a new one. Concurrent readers of a changed case wait for one
     * issue instead of each rendering their own.
     */
    @Transactional
    public Documents.Issued current(String caseId, String viewer) {
        CaseView view = cases.viewWithoutSteps(caseId, viewer, new Role[0]).view();
        jdbc.sql("select 1 from pg_advisory_xact_lock(hashtext(?))").param("dossier:" + caseId).query(Integer.class).single();
        var stored = documents.latest(caseId, KIND).filter(d -> !d.isVoid());
        if (stored.isPresent()) {
            long issuedAt = audit.documentEvents(stored.get().code()).stream()
                    .filter(e -> "DOCUMENT_ISSUED".equals(e.event().action())).mapToLong(e -> e.event().seq())
                    .findFirst().orElse(-1);
            if (issuedAt > 0 && issuedAt == audit.lastSeq(caseId)) {
                return new Documents.Issued(stored.get(), documents.content(stored.get().code()));
            }
        }
        return issue(view, viewer);
    }

    /**
     * A new dossier on request, by an officer or reviewer of the case's org or above (403 for other viewers who may
     * see the case, 404 for the rest). One transaction: the case and who may issue it are read in its first statement
     * with the cache generations, so the procedure's names come from the catalog's cache; nothing is written unless
     * the whole dossier is. A refusal (403) comes before anything is written but the read of the case, which an
     * auditor's refused attempt keeps in the read log as it did when the case was read in a transaction of its own.
     */
    @Transactional(noRollbackFor = ForbiddenException.class)
    public Documents.Issued issue(String caseId, String viewer) {
        var standing = cases.viewWithoutSteps(caseId, viewer, ISSUERS);
        if (!standing.holdsRole() && !standing.superuser()) {
            throw new ForbiddenException(Refusal.of("dossier.reissueNotAllowed"));
        }
        return issue(standing.view(), viewer);
    }

    /** The dossier the system stores before it archives a closed case's engine history (retention). */
    @Transactional
    public Documents.Issued issueForArchive(String caseId, String actor) {
        return issue(cases.viewAsSystem(caseId), actor);
    }

    /**
     * Renders, signs and stores the dossier, in the caller's transaction. Its statements after the case's: the case's
     * chain read and checked once, the names of everyone and every org it prints in one, the attachments' list and
     * the contents of those it shows streamed in one ({@link CaseFiles}), then the document row and its audit event
     * (which starts from the head the chain read saw). Step names and forms come from the process catalog's cache
     * (generations read with the case).
     */
    private Documents.Issued issue(CaseView view, String viewer) {
        String caseId = view.id();
        // checked before issuing: the issue itself appends DOCUMENT_ISSUED to the chain
        CheckedChain chain = audit.checkedCase(caseId);
        var events = chain.events();
        Set<String> values = NamedValues.of(events, view.starter(), view.orgCode());
        DisplayNames.Names names = displayNames.of(values, values);
        String orgName = names.orgs().get(view.orgCode());
        if (orgName == null) {
            throw new NotFoundException(Refusal.of("common.orgNotFound", view.orgCode()));
        }
        PersonNames people = new PersonNames(names.people());
        // the files' list and the contents of those shown stay one open result until the dossier is written
        return files.read(caseId, DossierWriter.SHOWN_TYPES, listed -> {
            DossierWriter writer = new DossierWriter(view, orgName, events, chain.verification(), listed.list(),
                    (shown, each) -> listed.contents((a, bytes) -> {
                        if (shown.contains(a)) {
                            each.accept(a, bytes);
                        }
                    }), cases::formOf, cases::stepName, people::display, names.orgs()::get, clock.getZone());
            return documents.issue(new Documents.NewDocument(KIND, caseId, DossierTitle.of(view, clock.getZone()),
                    orgName, view.orgCode(), null), writer::write, viewer);
        });
    }
}
