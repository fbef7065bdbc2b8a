package cn.xianfeng.workflow.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.internal.CaseRecords.CaseRecord;
import org.flowable.engine.HistoryService;
import org.flowable.engine.TaskService;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Who may see a case, and who may write to it.
 * <p>
 * <b>See</b>: its starter and subject person, whoever worked or may work on it, whoever it was copied to, and the
 * officers, reviewers and auditors of the org subtree it was filed in. Visibility follows the org the case was filed
 * in, never where its starter or subject lives now: after a relation transfer the new org's officers do not read the
 * member's old cases (other people's leave reasons included). Anyone else is told it does not exist (404).
 * <p>
 * <b>Write</b> (attach a file, 抄送, 催办) needs a <em>role in the case</em>: its starter or subject person; a current
 * or former assignee or owner of one of its tasks (a delegate or a transferee included), or a candidate of one
 * (open or finished); or an officer who acts on cases of the filing org by role — SECRETARY or BRANCH_COMMITTEE of that org or an
 * org above it, COMMITTEE_REVIEWER or ORG_DEPARTMENT above it. Seeing is not a role: an AUDITOR (read-only by
 * definition), an ADMIN (who administers the system, not its cases), a DISPATCHER outside their own steps and a
 * person a case was copied to read but do not write. A visible case refused for writing is a 403.
 * <p>
 * {@link #visibleOrNotFound} is for the read façade ({@code CaseReads}), which logs auditors' reads; every read goes
 * through it.
 */
@Component
public class CaseAccess {

    private final CaseRecords cases;
    private final People people;
    private final OrgAuthority authority;
    private final TaskService tasks;
    private final HistoryService history;
    private final cn.xianfeng.org.Orgs orgs;
    private final ArchivedHistories archives;

    private final CaseStanding standing;

    CaseAccess(CaseRecords cases, People people, OrgAuthority authority, TaskService tasks, HistoryService history,
               cn.xianfeng.org.Orgs orgs, ArchivedHistories archives, CaseStanding standing) {
        this.standing = standing;
        this.orgs = orgs;
        this.archives = archives;
        this.cases = cases;
        this.people = people;
        this.authority = authority;
        this.tasks = tasks;
        this.history = history;
    }

    /** The case if the viewer may see it, else 404. Only the read façade calls this: it logs the read. */
    public CaseRecord visibleOrNotFound(String caseId, String viewer) {
        CaseRecord record = cases.find(caseId).orElseThrow(() -> new NotFoundException(Refusal.of("workflow.caseNotFound", caseId)));
        if (!canView(record, viewer)) {
            throw new NotFoundException(Refusal.of("workflow.caseNotFound", caseId));
        }
        return record;
    }

    /**
     * {@link #visibleOrNotFound} and, read in the same statement (with the cache generations, so that what the
     * transaction reads next from the caches costs nothing while they hold), whether the viewer holds one of
     * {@code roles} over the case's org and whether their reads are logged. Only Flowable's task tables, asked when
     * nothing in that statement lets the viewer see the case, cost statements of their own.
     */
    public CaseStanding.Standing visibleOrNotFound(String caseId, String viewer, Role... roles) {
        CaseStanding.Standing s = standing.of(caseId, viewer, roles)
                .orElseThrow(() -> new NotFoundException(Refusal.of("workflow.caseNotFound", caseId)));
        CaseRecord record = s.record();
        if (!sees(record, viewer, s::reads, s::copied)) {
            throw new NotFoundException(Refusal.of("workflow.caseNotFound", caseId));
        }
        return s;
    }

    /** The case if the actor has a role in it: 404 when they may not even see it, 403 when they may only read it. */
    public CaseRecord requireRole(String caseId, String actor) {
        CaseRecord record = visibleOrNotFound(caseId, actor);
        if (!hasRole(record, actor)) {
            throw new ForbiddenException(Refusal.of("workflow.readOnlyRole"));
        }
        return record;
    }

    /** Whether an org lies within the subtree of the org that owns the case. */
    public boolean isWithinCaseOrg(String caseId, String orgCode) {
        return cases.find(caseId).map(r -> orgs.isWithin(orgCode, r.orgCode())).orElse(false);
    }

    public boolean hasRole(CaseRecord record, String user) {
        if (user.equals(record.starter()) || user.equals(record.subjectPerson())) {
            return true;
        }
        if (authority.holdsAbove(user, record.orgCode(), Role.SECRETARY, Role.BRANCH_COMMITTEE,
                Role.COMMITTEE_REVIEWER, Role.ORG_DEPARTMENT)) {
            return true;
        }
        return worksOn(record, user);
    }

    boolean canView(CaseRecord record, String viewer) {
        return sees(record, viewer, () -> authority.mayRead(viewer, record.orgCode()),
                () -> cases.copiedTo(record.id(), viewer));
    }

    /** Who sees a case, the one rule: the cheaper answers first, Flowable's task tables last. */
    private boolean sees(CaseRecord record, String viewer, java.util.function.BooleanSupplier mayRead,
                         java.util.function.BooleanSupplier copied) {
        return viewer.equals(record.starter()) || viewer.equals(record.subjectPerson()) || mayRead.getAsBoolean()
                || copied.getAsBoolean() || worksOn(record, viewer);
    }

    /** Assignee, owner or candidate of an open task; assignee or owner of a finished one (or of archived history). */
    private boolean worksOn(CaseRecord record, String user) {
        Set<String> groups = people.find(user).map(Person::groups).orElse(Set.of());
        // candidate users (the applicant of step01, the member reporting in) are the case's subject person already
        var open = tasks.createTaskQuery().processInstanceId(record.id()).or().taskAssignee(user).taskOwner(user);
        if (!groups.isEmpty()) {
            open = open.taskCandidateGroupIn(groups);
        }
        if (open.endOr().count() > 0) {
            return true;
        }
        var done = history.createHistoricTaskInstanceQuery().processInstanceId(record.id())
                .or().taskAssignee(user).taskOwner(user);
        if (!groups.isEmpty()) {
            done = done.taskCandidateGroupIn(groups);
        }
        return done.endOr().count() > 0 || archives.workedOn(record.id(), user);
    }
}
