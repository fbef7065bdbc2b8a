package cn.xianfeng.workflow.internal;

import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.workflow.internal.CaseRecords.CaseRecord;
import org.flowable.engine.HistoryService;
import org.flowable.engine.TaskService;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Who may see a case: its starter, whoever worked or may work on it, whoever it was copied to, and the officers,
 * reviewers and auditors of the org subtree that owns it, and of the org its subject person belongs to now (a
 * transferred member's past follows them). Anyone else is told it does not exist (404).
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

    CaseAccess(CaseRecords cases, People people, OrgAuthority authority, TaskService tasks, HistoryService history,
               cn.xianfeng.org.Orgs orgs, ArchivedHistories archives) {
        this.orgs = orgs;
        this.archives = archives;
        this.cases = cases;
        this.people = people;
        this.authority = authority;
        this.tasks = tasks;
        this.history = history;
    }

    public CaseRecord requireVisible(String caseId, String viewer) {
        CaseRecord record = cases.find(caseId).orElseThrow(() -> new NotFoundException("案件不存在：" + caseId));
        if (!canView(record, viewer)) {
            throw new NotFoundException("案件不存在：" + caseId);
        }
        return record;
    }

    /** Whether an org lies within the subtree of the org that owns the case. */
    public boolean isWithinCaseOrg(String caseId, String orgCode) {
        return cases.find(caseId).map(r -> orgs.isWithin(orgCode, r.orgCode())).orElse(false);
    }

    boolean canView(CaseRecord record, String viewer) {
        if (viewer.equals(record.starter()) || viewer.equals(record.subjectPerson()) || authority.mayRead(viewer, record.orgCode())
                || cases.copiedTo(record.id(), viewer)) {
            return true;
        }
        // a member who moved (relation transfer) keeps their past: the officers of their current org see their cases
        if (record.subjectPerson() != null && people.find(record.subjectPerson())
                .map(p -> p.orgCode() != null && authority.mayRead(viewer, p.orgCode())).orElse(false)) {
            return true;
        }
        Set<String> groups = people.find(viewer).map(Person::groups).orElse(Set.of());
        long open = groups.isEmpty()
                ? tasks.createTaskQuery().processInstanceId(record.id()).taskAssignee(viewer).count()
                : tasks.createTaskQuery().processInstanceId(record.id())
                        .or().taskAssignee(viewer).taskCandidateGroupIn(groups).endOr().count();
        return open > 0 || history.createHistoricTaskInstanceQuery().processInstanceId(record.id())
                .taskAssignee(viewer).count() > 0 || archives.workedOn(record.id(), viewer);
    }
}
