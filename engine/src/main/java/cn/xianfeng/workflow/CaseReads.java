package cn.xianfeng.workflow;

import cn.xianfeng.audit.AuditReads;
import cn.xianfeng.audit.ReadKind;
import cn.xianfeng.audit.ReadOrigin;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.internal.CaseAccess;
import cn.xianfeng.workflow.internal.CaseStanding;
import cn.xianfeng.workflow.internal.CaseRecords.CaseRecord;
import org.springframework.stereotype.Service;

/**
 * The one door to a case's content. Every read — the case, its history, diagram, attachments, documents, and each
 * procedure's own views (admission, meeting, transfer, complaint) — passes {@link #open}, which decides visibility
 * (404 otherwise) and, when the reader is an auditor or administrator, logs the read. Logging is therefore not a call
 * each endpoint must remember: an endpoint that reads a case cannot avoid it.
 * <p>
 * Within a request (a {@link ReadOrigin} bound by the portal) each case is logged once, with the most specific kind
 * the request used, and the portal writes the log before the response leaves: if it cannot, the reader gets an
 * error, not the content. Without a bound origin (jobs, engine tests) a read is written at once.
 */
@Service
public class CaseReads {

    private final CaseAccess access;
    private final AuditReads log;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    CaseReads(CaseAccess access, AuditReads log, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.access = access;
        this.log = log;
        this.jdbc = jdbc;
    }

    /** The case if the viewer may see it (404 otherwise), its read logged for auditors. */
    CaseRecord open(String caseId, String viewer, ReadKind kind) {
        CaseRecord record = access.visibleOrNotFound(caseId, viewer);
        note(viewer, caseId, kind, null);
        return record;
    }

    /**
     * {@link #open} for a reader who may also need one of {@code roles} over the case (to issue a document of it):
     * the case, the viewer's standing towards it and the cache generations in one statement, the read logged as
     * {@link #open} logs it.
     */
    CaseStanding.Standing open(String caseId, String viewer, ReadKind kind, Role... roles) {
        CaseStanding.Standing standing = access.visibleOrNotFound(caseId, viewer, roles);
        note(viewer, caseId, kind, null, standing.auditReader());
        return standing;
    }

    /**
     * Only the subject line of a case the viewer may see, for the list of reads (the read log names the cases it
     * lists): not itself logged, or every look at the log would add a read per row. Empty when not visible.
     */
    public java.util.Optional<String> subjectOf(String caseId, String viewer) {
        try {
            return java.util.Optional.of(access.visibleOrNotFound(caseId, viewer).subject());
        } catch (cn.xianfeng.common.NotFoundException e) {
            return java.util.Optional.empty();
        }
    }

    /** Auditors and administrators (of any org) and the bootstrap superuser: whose reads are logged. */
    public boolean isAuditReader(String username) {
        return ReadOrigin.current().map(o -> o.auditReader(username, () -> decide(username))).orElseGet(() -> decide(username));
    }

    /**
     * Adds what an endpoint knows after reading: the verification code of a dossier it handed out, the outcome of a
     * verification, or a read of no single case (a search, the whole trail). For a case, call it after the case was
     * opened: it refines that read, it never stands for the visibility check.
     */
    public void describe(String viewer, ReadKind kind, String caseId, String detail) {
        note(viewer, caseId, kind, detail);
    }

    /** Writes the reads a request made, in one transaction; the portal calls it before the response leaves. */
    public void flush(ReadOrigin origin) {
        var pending = origin.drain();
        if (!pending.isEmpty()) {
            log.recordAll(pending, origin.address());
        }
    }

    private void note(String viewer, String caseId, ReadKind kind, String detail) {
        note(viewer, caseId, kind, detail, null);
    }

    /** {@code auditReader}: the answer a statement of the caller read already, null to ask. */
    private void note(String viewer, String caseId, ReadKind kind, String detail, Boolean auditReader) {
        boolean logged = auditReader == null ? isAuditReader(viewer)
                : ReadOrigin.current().map(o -> o.auditReader(viewer, () -> auditReader)).orElse(auditReader);
        if (!logged) {
            return;
        }
        var origin = ReadOrigin.current();
        if (origin.isPresent()) {
            origin.get().read(viewer, caseId, kind, detail);
        } else {
            log.record(viewer, kind, caseId, detail == null ? kind.name() : detail, null);
        }
    }

    /** One statement per request: the portal asks it for every signed-in request, to know whose answer to hold. */
    private boolean decide(String username) {
        return jdbc.sql("select " + CaseStanding.auditReaderSql(":u")).param("u", username).query(Boolean.class).single();
    }
}
