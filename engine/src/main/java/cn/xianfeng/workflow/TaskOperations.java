package cn.xianfeng.workflow;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.org.Person;
import cn.xianfeng.workflow.TaskEvents.TaskDelegated;
import cn.xianfeng.workflow.TaskEvents.TaskReturned;
import cn.xianfeng.workflow.TaskEvents.TaskTransferred;
import cn.xianfeng.workflow.TaskEvents.TaskResolved;
import cn.xianfeng.workflow.WorkflowTypes.TaskAction;
import cn.xianfeng.workflow.internal.CaseAccess;
import cn.xianfeng.workflow.internal.CaseRecords;
import cn.xianfeng.workflow.internal.StepCompletion;
import cn.xianfeng.workflow.internal.StepHolders;
import cn.xianfeng.workflow.internal.TaskPermissions;
import org.flowable.common.engine.impl.identity.Authentication;
import cn.xianfeng.workflow.internal.StepHistory;
import cn.xianfeng.workflow.internal.TaskAccess;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.flowable.task.api.history.HistoricTaskInstance;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Map;

/**
 * The task center's operations on a step beyond completing: 转办, 委派 (and handing back), 退回, 撤回 (催办 and 抄送 are
 * {@link FollowUps}). Each checks who may do it ({@link TaskPermissions} for a task's holder), records its reason in
 * the audit trail and tells the people concerned (TaskEvents → notices).
 */
@Service
public class TaskOperations {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final TaskAccess access;
    private final CaseAccess cases;
    private final StepHistory steps;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TaskPermissions permissions;
    private final StepHolders holders;
    private final CaseRecords records;

    TaskOperations(TaskService tasks, RuntimeService runtime, TaskAccess access, CaseAccess cases, StepHistory steps,
                   AuditTrail audit, ApplicationEventPublisher events, TaskPermissions permissions, StepHolders holders,
                   CaseRecords records) {
        this.permissions = permissions;
        this.holders = holders;
        this.records = records;
        this.tasks = tasks;
        this.runtime = runtime;
        this.access = access;
        this.cases = cases;
        this.steps = steps;
        this.audit = audit;
        this.events = events;
    }

    /**
     * 转办: hands the step to another person who could hold it (a standing-in role in its org or above, checked as
     * its candidates are), with a reason; they become its holder. Not while it is delegated or co-signers are pending.
     */
    @Transactional
    public void transfer(String taskId, String to, String reason, String actor) {
        Task task = access.open(taskId);
        permissions.require(TaskAction.TRANSFER, permissions.of(task), actor);
        String why = required(reason, "reason");
        Person target = holders.requireHolder(task, record(task), to, actor, "to");
        StepCompletion.guarded(() -> {
            tasks.setAssignee(taskId, target.username());
            if (task.getOwner() != null) {
                tasks.setOwner(taskId, null); // the new holder owns it now; nobody waits for it to come back
            }
        });
        audit.record(entry(runtime, actor, task, AuditAction.TASK_TRANSFERRED, Map.of("from", actor, "to", target.username()), why));
        events.publishEvent(new TaskTransferred(taskId, task.getProcessInstanceId(), task.getName(), actor,
                target.username(), why));
    }

    /**
     * 委派: asks a party member of the owner's own org subtree to do the work, with a reason. The task stays on the
     * owner's list as 委派中; the delegate may only hand it back with an opinion ({@link #resolve}), then the owner
     * decides. Nobody is made the delegate of a case they started or that is about them.
     */
    @Transactional
    public void delegate(String taskId, String to, String reason, String actor) {
        Task task = access.open(taskId);
        permissions.require(TaskAction.DELEGATE, permissions.of(task), actor);
        String why = required(reason, "reason");
        Person delegate = holders.requireDelegate(record(task), to, actor, "to");
        StepCompletion.guarded(() -> {
            if (task.getAssignee() == null) {
                tasks.claim(taskId, actor);
            }
            tasks.delegateTask(taskId, delegate.username());
        });
        audit.record(entry(runtime, actor, task, AuditAction.TASK_DELEGATED, Map.of("from", actor, "to", delegate.username()), why));
        events.publishEvent(new TaskDelegated(taskId, task.getProcessInstanceId(), task.getName(), actor,
                delegate.username(), why));
    }

    /** The delegate hands the task back to its owner with an opinion; the owner is told and completes it. */
    @Transactional
    public void resolve(String taskId, String comment, String actor) {
        Task task = access.open(taskId);
        permissions.require(TaskAction.RESOLVE, permissions.of(task), actor);
        String opinion = StepCompletion.comment(comment);
        String owner = task.getOwner();
        Authentication.setAuthenticatedUserId(actor);
        try {
            StepCompletion.guarded(() -> {
                if (opinion != null) {
                    tasks.addComment(taskId, task.getProcessInstanceId(), opinion);
                }
                tasks.resolveTask(taskId);
            });
        } finally {
            Authentication.setAuthenticatedUserId(null);
        }
        audit.record(entry(runtime, actor, task, AuditAction.TASK_RESOLVED, Map.of("from", actor, "to", String.valueOf(owner)), opinion));
        events.publishEvent(new TaskResolved(taskId, task.getProcessInstanceId(), task.getName(), actor, owner, opinion));
    }

    /** 退回: back to an earlier step of this case, to whoever did it then, with a reason. */
    @Transactional
    public void returnTo(String taskId, String toStepId, String reason, String actor) {
        Task task = access.open(taskId);
        permissions.require(TaskAction.RETURN, permissions.of(task), actor);
        String why = required(reason, "reason");
        HistoricTaskInstance target = steps.returnTarget(task, toStepId);
        runtime.createChangeActivityStateBuilder().processInstanceId(task.getProcessInstanceId())
                .moveActivityIdTo(task.getTaskDefinitionKey(), toStepId).changeState();
        for (Task back : tasks.createTaskQuery().processInstanceId(task.getProcessInstanceId()).taskDefinitionKey(toStepId).list()) {
            tasks.setAssignee(back.getId(), target.getAssignee());
        }
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("toStepId", toStepId);
        if (target.getAssignee() != null) {
            data.put("to", target.getAssignee());
        }
        audit.record(entry(runtime, actor, task, AuditAction.TASK_RETURNED, data, why));
        events.publishEvent(new TaskReturned(taskId, task.getProcessInstanceId(), target.getName(), actor,
                target.getAssignee(), why));
    }

    /** 撤回: takes back my last completion in the case while the step after it is untouched. */
    @Transactional
    public void withdraw(String caseId, String reason, String actor) {
        cases.requireRole(caseId, actor);
        String why = required(reason, "reason");
        StepHistory.Withdrawal w = steps.withdrawal(caseId, actor);
        runtime.createChangeActivityStateBuilder().processInstanceId(caseId)
                .moveActivityIdsToSingleActivityId(w.next().stream().map(Task::getTaskDefinitionKey).distinct().toList(),
                        w.mine().getTaskDefinitionKey())
                .changeState();
        for (Task back : tasks.createTaskQuery().processInstanceId(caseId).taskDefinitionKey(w.mine().getTaskDefinitionKey()).list()) {
            tasks.setAssignee(back.getId(), actor);
        }
        audit.record(new AuditEntry(actor, null, AuditAction.TASK_WITHDRAWN, caseId, w.mine().getId(), w.mine().getTaskDefinitionKey(),
                Map.of("withdrawnFrom", w.next().stream().map(Task::getTaskDefinitionKey).toList()), why, null));
    }

    /** Whether 撤回 would be accepted now: what the case page offers. */
    public boolean mayWithdraw(String caseId, String viewer) {
        try {
            cases.requireRole(caseId, viewer);
            steps.withdrawal(caseId, viewer);
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    private CaseRecords.CaseRecord record(Task task) {
        return records.find(task.getProcessInstanceId()).orElseThrow();
    }

    static String required(String reason, String field) {
        if (reason == null || reason.isBlank()) {
            throw InvalidInputException.of(field, Refusal.of("workflow.reasonRequired"));
        }
        if (reason.length() > 1000) {
            throw InvalidInputException.of(field, Refusal.of("workflow.reasonMax1000"));
        }
        return reason.strip();
    }

    /** The audit entry of an operation on a task, in the name of the case's org (also {@link FollowUps}'s 催办). */
    static AuditEntry entry(RuntimeService runtime, String actor, Task task, AuditAction action, Map<String, Object> data,
                            String comment) {
        Object org = runtime.getVariable(task.getProcessInstanceId(), "orgCode");
        return new AuditEntry(actor, org == null ? null : org.toString(), action, task.getProcessInstanceId(),
                task.getId(), task.getTaskDefinitionKey(), data, comment, null);
    }
}
