package cn.xianfeng.workflow;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.TooManyRequestsException;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.workflow.TaskEvents.CaseCopied;
import cn.xianfeng.workflow.TaskEvents.TaskReminded;
import cn.xianfeng.workflow.internal.CaseAccess;
import cn.xianfeng.workflow.internal.CaseRecords;
import cn.xianfeng.workflow.internal.TaskAccess;
import org.flowable.engine.RuntimeService;
import org.flowable.task.api.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Following a case up without working on it: 催办 (reminding whoever owes a step) and 抄送 (letting someone read
 * along). Both need a role in the case, not only reading it; both are recorded in the audit trail and tell the
 * people concerned (TaskEvents → notices).
 */
@Service
public class FollowUps {

    private final TaskAccess access;
    private final CaseAccess cases;
    private final People people;
    private final Orgs orgs;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final RuntimeService runtime;
    private final Clock clock;

    FollowUps(TaskAccess access, CaseAccess cases, People people, Orgs orgs, JdbcClient jdbc, AuditTrail audit,
              ApplicationEventPublisher events, RuntimeService runtime, Clock clock) {
        this.access = access;
        this.cases = cases;
        this.people = people;
        this.orgs = orgs;
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** Whether 催办 of this task would be authorized (the once-a-day limit aside): what the case page offers. */
    public boolean mayRemind(String taskId, String viewer) {
        try {
            authorizeRemind(access.open(taskId), viewer);
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    /** Whether 抄送 of this case would be authorized: what the case page offers. */
    public boolean mayCopy(String caseId, String viewer) {
        try {
            authorizeCopy(caseId, viewer);
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    /**
     * 催办: reminds whoever owes the task; once a day per task (429 for a second). Needs a role in the case (see
     * CaseAccess): one who may only read it — an auditor, a person it was copied to — is refused (403).
     */
    @Transactional
    public void remind(String taskId, String message, String actor) {
        Task task = access.open(taskId);
        authorizeRemind(task, actor);
        String text = message == null || message.isBlank() ? null : message.strip();
        if (text != null && text.length() > 500) {
            throw InvalidInputException.of("message", Refusal.of("workflow.reminderMax500"));
        }
        try {
            jdbc.sql("insert into task_reminder (task_id, day, reminded_by, message, at) values (?, ?, ?, ?, ?)")
                    .params(taskId, LocalDate.now(clock), actor, text, Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            throw new TooManyRequestsException(Refusal.of("workflow.remindedToday"));
        }
        List<String> owners = access.owners(task);
        audit.record(TaskOperations.entry(runtime, actor, task, AuditAction.TASK_REMINDED, Map.of("recipients", owners), text));
        events.publishEvent(new TaskReminded(taskId, task.getProcessInstanceId(), task.getName(), actor, owners, text));
    }

    /**
     * 抄送: lets someone follow a case they are not working on. Copying grants reading, so it needs a role in the case:
     * a recipient of a copy (or an auditor) cannot pass the case on.
     */
    @Transactional
    public void copy(String caseId, String to, String note, String actor) {
        var record = authorizeCopy(caseId, actor);
        Person recipient = to == null ? null : people.find(to).orElse(null);
        if (recipient == null) {
            throw InvalidInputException.of("to", Refusal.of("workflow.personNotFound", to));
        }
        // A copy lets its recipient read the case: it may go across branches, never out of the case's county.
        if (!recipient.superuser() && !sameCounty(recipient.orgCode(), record.orgPath())) {
            throw InvalidInputException.of("to", Refusal.of("workflow.copyInCounty"));
        }
        int added = jdbc.sql("""
                insert into case_copy (case_id, username, copied_by, note, copied_at) values (?, ?, ?, ?, ?)
                on conflict do nothing""").params(caseId, to, actor, note, Timestamp.from(clock.instant())).update();
        if (added == 0) {
            throw new ConflictException(Refusal.of("workflow.alreadyCopied", to));
        }
        audit.record(new AuditEntry(actor, record.orgCode(), AuditAction.CASE_COPIED, caseId, null, null, Map.of("to", to), note, null));
        events.publishEvent(new CaseCopied(caseId, record.subject(), actor, to, note));
    }

    /** Who may 催办 a task (a role in the case, not only reading it); the case page offers 催办 by this same check. */
    private void authorizeRemind(Task task, String actor) {
        cases.requireRole(task.getProcessInstanceId(), actor);
    }

    /** Who may 抄送 a case; the case page offers 抄送 by this same check. */
    private CaseRecords.CaseRecord authorizeCopy(String caseId, String actor) {
        return cases.requireRole(caseId, actor);
    }

    private boolean sameCounty(String recipientOrg, String casePath) {
        String county = casePath == null ? null : casePath.split("/")[1];
        return recipientOrg != null && county != null && orgs.find(recipientOrg)
                .map(o -> o.path().startsWith("/" + county + "/")).orElse(false);
    }
}
