package cn.xianfeng.portal.security;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.workflow.CaseReads;
import cn.xianfeng.audit.ReadKind;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Who works in the auditor's workspace (auditors and administrators), and the log of their reads. A read is
 * recorded before its content is handed out: if the log cannot be written, the reader gets an error, not the data.
 */
@Component
public class AuditorReads {

    private final People people;
    private final OrgAuthority authority;
    private final CaseReads reads;

    AuditorReads(People people, OrgAuthority authority, CaseReads reads) {
        this.people = people;
        this.authority = authority;
        this.reads = reads;
    }

    /** Auditors and administrators (of any org), and the bootstrap superuser: decided by the engine's read façade. */
    public boolean isAuditReader(String username) {
        return reads.isAuditReader(username);
    }

    /** Administrators (the superuser, or an ADMIN of some org) may ask for someone else's reads; auditors may not. */
    public boolean isAdministrator(String username) {
        return people.find(username).map(p -> p.superuser() || p.roles().stream().anyMatch(r -> r.role() == Role.ADMIN))
                .orElse(false);
    }

    public void requireAuditReader(String username) {
        if (!isAuditReader(username)) {
            throw new ForbiddenException(Refusal.of("audit.workbenchNotAllowed"));
        }
    }

    /** Whether the reader audits the org's subtree (a secretary's own branch is not an auditor's remit). */
    public boolean auditsOrg(String username, String orgCode) {
        return authority.isSuperuser(username) || authority.holdsAbove(username, orgCode, Role.AUDITOR, Role.ADMIN);
    }

    /**
     * Whose reads the viewer may list: the system administrator anyone's (null: everyone's); an ADMIN their own and
     * those of people whose org lies in a subtree they administer; an auditor only their own. The log carries source
     * addresses, so another county's is none of an ADMIN's business.
     */
    public String readableActor(String viewer, String actor) {
        requireAuditReader(viewer);
        boolean blank = actor == null || actor.isBlank();
        if (authority.isSuperuser(viewer)) {
            return blank ? null : actor.strip();
        }
        if (blank || actor.strip().equals(viewer)) {
            return viewer;
        }
        String other = actor.strip();
        boolean administered = people.find(other).map(Person::orgCode)
                .map(org -> authority.holdsAbove(viewer, org, Role.ADMIN)).orElse(false);
        if (!administered) {
            throw new ForbiddenException(Refusal.of("audit.readsOutOfScope"));
        }
        return other;
    }

    /**
     * Adds what the endpoint knows to the request's read (a search's filters, a verification's outcome, the code of
     * a dossier handed out). The read of a case itself is logged by the engine's façade when the case is opened.
     */
    public void record(String username, ReadKind kind, String caseId, String detail, HttpServletRequest request) {
        reads.describe(username, kind, caseId, detail);
    }

    /** A search's filters as the read log shows them: {@code q=党课; process=admission}, empty ones left out. */
    public static String searchDetail(java.util.Map<String, ?> filters) {
        java.util.StringJoiner out = new java.util.StringJoiner("; ");
        filters.forEach((k, v) -> {
            if (v != null && !v.toString().isBlank()) {
                out.add(k + "=" + v);
            }
        });
        return out.toString();
    }

    /** A verification's outcome as the read log shows it. */
    public static String verificationDetail(cn.xianfeng.audit.AuditVerification v) {
        return (v.valid() ? "valid" : "broken at " + v.firstBroken().id() + " (" + v.firstBroken().reason() + ")")
                + "; events=" + v.events();
    }

}
