package cn.xianfeng.workflow.internal;

import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.CaseStatus;
import cn.xianfeng.workflow.internal.CaseRecords.CaseRecord;
import org.flowable.engine.HistoryService;
import org.flowable.engine.TaskService;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Who takes part in a case, as opposed to who may merely read it (an auditor, a person it was copied to): its
 * starter and the person it is about, whoever holds, owns, co-signs or may claim one of its steps or did one, and
 * the officers and reviewers of its org or above. Taking part is what a comment needs. And whether anyone but the
 * starter has acted on it yet, which is what 撤销 needs.
 */
@Component
public class CaseParticipants {

    /** Those who act for the party in the case's org or above; administrators and auditors only keep the system. */
    private static final Role[] OFFICERS = {Role.SECRETARY, Role.BRANCH_COMMITTEE, Role.COMMITTEE_REVIEWER,
            Role.ORG_DEPARTMENT};

    private final TaskService tasks;
    private final HistoryService history;
    private final People people;
    private final OrgAuthority authority;
    private final AuditTrail audit;

    CaseParticipants(TaskService tasks, HistoryService history, People people, OrgAuthority authority, AuditTrail audit) {
        this.tasks = tasks;
        this.history = history;
        this.people = people;
        this.authority = authority;
        this.audit = audit;
    }

    public boolean takesPart(CaseRecord record, String viewer) {
        if (viewer.equals(record.starter()) || viewer.equals(record.subjectPerson())
                || authority.holdsAbove(viewer, record.orgCode(), OFFICERS)) {
            return true;
        }
        Set<String> groups = people.find(viewer).map(Person::groups).orElse(Set.of());
        var open = tasks.createTaskQuery().processInstanceId(record.id()).or().taskAssignee(viewer).taskOwner(viewer);
        if (!groups.isEmpty()) {
            open.taskCandidateGroupIn(groups);
        }
        return open.endOr().count() > 0
                || history.createHistoricTaskInstanceQuery().processInstanceId(record.id()).taskAssignee(viewer).count() > 0;
    }

    /** Nobody but the starter (and the system's own timers) has done anything in the case yet. */
    public boolean untouchedByOthers(CaseRecord record) {
        return record.status() == CaseStatus.ACTIVE && audit.forCase(record.id()).stream()
                .allMatch(e -> e.actor().equals(record.starter()) || "system".equals(e.actor()));
    }
}
