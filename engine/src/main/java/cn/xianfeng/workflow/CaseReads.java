package cn.xianfeng.workflow;

import cn.xianfeng.audit.AuditReads;
import cn.xianfeng.audit.ReadKind;
import cn.xianfeng.audit.ReadOrigin;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.internal.CaseAccess;
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
    private final People people;
    private final AuditReads log;

    CaseReads(CaseAccess access, People people, AuditReads log) {
        this.access = access;
        this.people = people;
        this.log = log;
    }

    /** The case if the viewer may see it (404 otherwise), its read logged for auditors. */
    CaseRecord open(String caseId, String viewer, ReadKind kind) {
        CaseRecord record = access.visibleOrNotFound(caseId, viewer);
        note(viewer, caseId, kind, null);
        return record;
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
        if (!isAuditReader(viewer)) {
            return;
        }
        var origin = ReadOrigin.current();
        if (origin.isPresent()) {
            origin.get().read(viewer, caseId, kind, detail);
        } else {
            log.record(viewer, kind, caseId, detail == null ? kind.name() : detail, null);
        }
    }

    private boolean decide(String username) {
        return people.find(username).map(CaseReads::auditRole).orElse(false);
    }

    private static boolean auditRole(Person p) {
        return p.superuser() || p.roles().stream().anyMatch(r -> r.role() == Role.AUDITOR || r.role() == Role.ADMIN);
    }
}
