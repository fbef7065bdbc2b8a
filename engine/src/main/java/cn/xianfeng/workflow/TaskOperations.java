package cn.xianfeng.workflow;

import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.TooManyRequestsException;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.workflow.TaskEvents.CaseCopied;
import cn.xianfeng.workflow.TaskEvents.TaskDelegated;
import cn.xianfeng.workflow.TaskEvents.TaskReminded;
import cn.xianfeng.workflow.TaskEvents.TaskReturned;
import cn.xianfeng.workflow.TaskEvents.TaskTransferred;
import cn.xianfeng.workflow.internal.CaseAccess;
import cn.xianfeng.workflow.internal.StepHistory;
import cn.xianfeng.workflow.internal.TaskAccess;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.flowable.task.api.history.HistoricTaskInstance;
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
 * The task center's operations beyond completing: 转办, 委派, 退回, 撤回, 催办, 抄送. Each checks who may do it,
 * records its reason in the audit trail and tells the people concerned (TaskEvents → notices).
 */
@Service
public class TaskOperations {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final TaskAccess access;
    private final CaseAccess cases;
    private final StepHistory steps;
    private final People people;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final cn.xianfeng.org.Orgs orgs;

    TaskOperations(TaskService tasks, RuntimeService runtime, TaskAccess access, CaseAccess cases, StepHistory steps,
                   People people, JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events, Clock clock,
                   cn.xianfeng.org.Orgs orgs) {
        this.orgs = orgs;
        this.tasks = tasks;
        this.runtime = runtime;
        this.access = access;
        this.cases = cases;
        this.steps = steps;
        this.people = people;
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** 转办: hands the task to another person who could hold it (a candidate through a role). */
    @Transactional
    public void transfer(String taskId, String to, String reason, String actor) {
        Task task = access.open(taskId);
        access.requireActor(task, actor);
        String why = required(reason, "reason");
        if (to == null || to.equals(actor) || people.find(to).isEmpty() || !access.isCandidate(task, to)) {
            throw InvalidInputException.of("to", "只能转办给该环节的其他候选办理人");
        }
        tasks.setAssignee(taskId, to);
        audit.record(entry(actor, task, "TASK_TRANSFERRED", Map.of("to", to), why));
        events.publishEvent(new TaskTransferred(taskId, task.getProcessInstanceId(), task.getName(), actor, to, why));
    }

    /** 委派: asks someone of the case's org to do the work; it comes back to the owner when they resolve it. */
    @Transactional
    public void delegate(String taskId, String to, String actor) {
        Task task = access.open(taskId);
        access.requireActor(task, actor);
        Person delegate = people.find(to).orElseThrow(() -> InvalidInputException.of("to", "人员不存在：" + to));
        if (to.equals(actor) || delegate.orgCode() == null || !cases.isWithinCaseOrg(task.getProcessInstanceId(), delegate.orgCode())) {
            throw InvalidInputException.of("to", "只能委派给本案所属组织的人员");
        }
        if (task.getAssignee() == null) {
            tasks.claim(taskId, actor);
        }
        tasks.delegateTask(taskId, to);
        audit.record(entry(actor, task, "TASK_DELEGATED", Map.of("to", to), null));
        events.publishEvent(new TaskDelegated(taskId, task.getProcessInstanceId(), task.getName(), actor, to));
    }

    /** The delegate hands the task back to its owner, with a comment. */
    @Transactional
    public void resolve(String taskId, String comment, String actor) {
        Task task = access.open(taskId);
        access.requireVisible(task, actor); // outsiders learn nothing about the task, not even its delegation
        if (!actor.equals(task.getAssignee()) || task.getDelegationState() == null) {
            throw new ConflictException("该任务不是委派给您的");
        }
        if (comment != null && !comment.isBlank()) {
            tasks.addComment(taskId, task.getProcessInstanceId(), comment.strip());
        }
        tasks.resolveTask(taskId);
        audit.record(entry(actor, task, "TASK_RESOLVED", Map.of("owner", String.valueOf(task.getOwner())), comment));
    }

    /** 退回: back to an earlier step of this case, to whoever did it then, with a reason. */
    @Transactional
    public void returnTo(String taskId, String toStepId, String reason, String actor) {
        Task task = access.open(taskId);
        access.requireActor(task, actor);
        String why = required(reason, "reason");
        HistoricTaskInstance target = steps.returnTarget(task, toStepId);
        runtime.createChangeActivityStateBuilder().processInstanceId(task.getProcessInstanceId())
                .moveActivityIdTo(task.getTaskDefinitionKey(), toStepId).changeState();
        for (Task back : tasks.createTaskQuery().processInstanceId(task.getProcessInstanceId()).taskDefinitionKey(toStepId).list()) {
            tasks.setAssignee(back.getId(), target.getAssignee());
        }
        audit.record(entry(actor, task, "TASK_RETURNED", Map.of("toStepId", toStepId), why));
        events.publishEvent(new TaskReturned(taskId, task.getProcessInstanceId(), target.getName(), actor,
                target.getAssignee(), why));
    }

    /** 撤回: takes back my last completion in the case while the step after it is untouched. */
    @Transactional
    public void withdraw(String caseId, String reason, String actor) {
        cases.requireRole(caseId, actor);
        StepHistory.Withdrawal w = steps.withdrawal(caseId, actor);
        runtime.createChangeActivityStateBuilder().processInstanceId(caseId)
                .moveActivityIdsToSingleActivityId(w.next().stream().map(Task::getTaskDefinitionKey).distinct().toList(),
                        w.mine().getTaskDefinitionKey())
                .changeState();
        for (Task back : tasks.createTaskQuery().processInstanceId(caseId).taskDefinitionKey(w.mine().getTaskDefinitionKey()).list()) {
            tasks.setAssignee(back.getId(), actor);
        }
        audit.record(new AuditEntry(actor, null, "TASK_WITHDRAWN", caseId, w.mine().getId(), w.mine().getTaskDefinitionKey(),
                Map.of("withdrawnFrom", w.next().stream().map(Task::getTaskDefinitionKey).toList()), reason, null));
    }

    /**
     * 催办: reminds whoever owes the task; once a day per task (429 for a second). Needs a role in the case (see
     * CaseAccess): one who may only read it — an auditor, a person it was copied to — is refused (403).
     */
    @Transactional
    public void remind(String taskId, String message, String actor) {
        Task task = access.open(taskId);
        cases.requireRole(task.getProcessInstanceId(), actor);
        String text = message == null || message.isBlank() ? null : message.strip();
        if (text != null && text.length() > 500) {
            throw InvalidInputException.of("message", "催办留言至多 500 字");
        }
        try {
            jdbc.sql("insert into task_reminder (task_id, day, reminded_by, message, at) values (?, ?, ?, ?, ?)")
                    .params(taskId, LocalDate.now(clock), actor, text, Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            throw new TooManyRequestsException("该任务今天已催办过，请明天再催办");
        }
        List<String> owners = access.owners(task);
        audit.record(entry(actor, task, "TASK_REMINDED", Map.of("recipients", owners), text));
        events.publishEvent(new TaskReminded(taskId, task.getProcessInstanceId(), task.getName(), actor, owners, text));
    }

    /**
     * 抄送: lets someone follow a case they are not working on. Copying grants reading, so it needs a role in the case:
     * a recipient of a copy (or an auditor) cannot pass the case on.
     */
    @Transactional
    public void copy(String caseId, String to, String note, String actor) {
        var record = cases.requireRole(caseId, actor);
        Person recipient = to == null ? null : people.find(to).orElse(null);
        if (recipient == null) {
            throw InvalidInputException.of("to", "人员不存在：" + to);
        }
        // A copy lets its recipient read the case: it may go across branches, never out of the case's county.
        if (!recipient.superuser() && !sameCounty(recipient.orgCode(), record.orgPath())) {
            throw InvalidInputException.of("to", "只能抄送给本县（区）内的人员");
        }
        int added = jdbc.sql("""
                insert into case_copy (case_id, username, copied_by, note, copied_at) values (?, ?, ?, ?, ?)
                on conflict do nothing""").params(caseId, to, actor, note, Timestamp.from(clock.instant())).update();
        if (added == 0) {
            throw new ConflictException("已抄送给 " + to);
        }
        audit.record(new AuditEntry(actor, record.orgCode(), "CASE_COPIED", caseId, null, null, Map.of("to", to), note, null));
        events.publishEvent(new CaseCopied(caseId, record.subject(), actor, to, note));
    }

    private boolean sameCounty(String recipientOrg, String casePath) {
        String county = casePath == null ? null : casePath.split("/")[1];
        return recipientOrg != null && county != null && orgs.find(recipientOrg)
                .map(o -> o.path().startsWith("/" + county + "/")).orElse(false);
    }

    private static String required(String reason, String field) {
        if (reason == null || reason.isBlank()) {
            throw InvalidInputException.of(field, "须填写理由");
        }
        if (reason.length() > 1000) {
            throw InvalidInputException.of(field, "理由至多 1000 字");
        }
        return reason.strip();
    }

    private AuditEntry entry(String actor, Task task, String action, Map<String, Object> data, String comment) {
        Object org = runtime.getVariable(task.getProcessInstanceId(), "orgCode");
        return new AuditEntry(actor, org == null ? null : org.toString(), action, task.getProcessInstanceId(),
                task.getId(), task.getTaskDefinitionKey(), data, comment, null);
    }
}
