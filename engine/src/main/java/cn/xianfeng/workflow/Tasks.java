package cn.xianfeng.workflow;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.workflow.WorkflowTypes.Completion;
import cn.xianfeng.workflow.WorkflowTypes.SignRequest;
import cn.xianfeng.workflow.WorkflowTypes.TaskAction;
import cn.xianfeng.workflow.WorkflowTypes.TaskDetail;
import cn.xianfeng.workflow.internal.CaseLock;
import cn.xianfeng.workflow.internal.CoSignTasks;
import cn.xianfeng.workflow.internal.DecisionOutcomes;
import cn.xianfeng.workflow.internal.SignerRows;
import cn.xianfeng.workflow.internal.StepCompletion;
import cn.xianfeng.workflow.internal.StepCompletion.StaleCase;
import cn.xianfeng.workflow.internal.TaskAccess;
import cn.xianfeng.workflow.internal.TaskItems;
import cn.xianfeng.workflow.internal.TaskPermissions;
import cn.xianfeng.workflow.internal.Variables;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The task façade: one task with what the viewer may do, claim, unclaim, complete with a validated form (or sign as
 * a co-signer), comment. Authorization happens here, through {@link TaskPermissions}, whatever the caller.
 */
@Service
public class Tasks {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final TaskAccess access;
    private final TaskItems items;
    private final FormRegistry forms;
    private final TaskPermissions permissions;
    private final StepCompletion completion;
    private final CoSigners coSigners;
    private final SignerRows signers;
    private final DecisionOutcomes outcomes;
    private final AuditTrail audit;
    private final CaseLock caseLock;
    private final TransactionTemplate transaction;
    private final StepCommand step;

    Tasks(StepCommand step, TaskService tasks, RuntimeService runtime, TaskAccess access, TaskItems items, FormRegistry forms,
          TaskPermissions permissions, StepCompletion completion, CoSigners coSigners, SignerRows signers,
          DecisionOutcomes outcomes, AuditTrail audit, CaseLock caseLock, PlatformTransactionManager transactions) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.access = access;
        this.items = items;
        this.forms = forms;
        this.permissions = permissions;
        this.completion = completion;
        this.coSigners = coSigners;
        this.signers = signers;
        this.outcomes = outcomes;
        this.audit = audit;
        this.caseLock = caseLock;
        this.transaction = new TransactionTemplate(transactions);
        this.step = step;
    }

    public TaskDetail get(String taskId, String viewer) {
        Task task = access.open(taskId);
        access.requireVisible(task, viewer);
        var context = permissions.of(task);
        Map<String, Object> values = new LinkedHashMap<>();
        FormDefinition form = formOf(task);
        if (form != null && !context.coSign()) {
            Map<String, Object> variables = runtime.getVariables(task.getExecutionId());
            // only what the step's own definition carries forward: a field of the same name at an earlier step
            // (step03's meetingDate at step07, the application's reason at a rejection) is not this step's value
            form.fields().forEach(f -> {
                if ((f.readOnly() || f.prefill()) && variables.containsKey(f.id())) {
                    values.put(f.id(), Variables.forJson(Map.of(f.id(), variables.get(f.id()))).get(f.id()));
                }
            });
        }
        return new TaskDetail(items.of(task, null, subject(task), !context.signers().isEmpty()
                        && context.signers().stream().anyMatch(WorkflowTypes.Signer::pending)), form, values,
                permissions.allowed(context, viewer), context.signers(), context.held().orElse(null),
                context.coSign() ? signRequest(task) : null);
    }

    /** The task's form, its decision options labelled with what they do at this step. */
    private FormDefinition formOf(Task task) {
        if (task.getFormKey() == null || !forms.has(task.getFormKey())) {
            return null;
        }
        return CoSignTasks.isCoSign(task) ? forms.get(task.getFormKey())
                : outcomes.labelled(forms.get(task.getFormKey()), task.getProcessDefinitionId(), task.getTaskDefinitionKey());
    }

    private SignRequest signRequest(Task signTask) {
        var row = signers.bySignTask(signTask.getId()).orElse(null);
        if (row == null) {
            return null;
        }
        Task step = tasks.createTaskQuery().taskId(row.taskId()).singleResult();
        if (step == null) {
            return null;
        }
        return new SignRequest(step.getId(), step.getName(), row.signer().position(), row.signer().addedBy(),
                row.signer().reason(), step.getAssignee(), formOf(step), signers.held(step.getId()).orElse(null));
    }

    @Transactional
    public void claim(String taskId, String actor) {
        Task task = access.open(taskId);
        if (actor.equals(task.getAssignee())) {
            return;
        }
        permissions.require(TaskAction.CLAIM, permissions.of(task), actor);
        StepCompletion.guarded(() -> tasks.claim(taskId, actor));
        audit.record(completion.entry(actor, task, AuditAction.TASK_CLAIMED, Map.of(), null));
    }

    /** 取消签收: the step goes back to every candidate; only for who claimed it, never with co-signers added. */
    @Transactional
    public void unclaim(String taskId, String actor) {
        Task task = access.open(taskId);
        permissions.require(TaskAction.UNCLAIM, permissions.of(task), actor);
        StepCompletion.guarded(() -> {
            tasks.unclaim(taskId);
            if (task.getOwner() != null) {
                tasks.setOwner(taskId, null);
            }
        });
        audit.record(completion.entry(actor, task, AuditAction.TASK_UNCLAIMED, Map.of(), null));
    }

    public Completion complete(String taskId, Map<String, Object> data, String comment, String actor, Locale locale) {
        return complete(taskId, FormInput.of(data), comment, actor, locale);
    }

    /**
     * Validates the submitted form on the server, then completes the task in one transaction that this method owns
     * (pages pass their uploads as {@link FormInput}, read inside it). When Flowable finds the case changed under it
     * (a job or a parallel branch touched it), the whole completion is tried again, at most three times; if a rival
     * completed this very task meanwhile, the retry answers 409 like any completed task. Called inside someone
     * else's transaction it cannot retry, and a stale case is a 409.
     */
    public Completion complete(String taskId, FormInput input, String comment, String actor, Locale locale) {
        boolean ownTransaction = !TransactionSynchronizationManager.isActualTransactionActive();
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> completeOnce(taskId, input, comment, actor, locale));
            } catch (StaleCase e) {
                if (!ownTransaction || attempt == 3) {
                    throw new ConflictException(Refusal.of(StepCompletion.TAKEN_KEY));
                }
            }
        }
    }

    private Completion completeOnce(String taskId, FormInput input, String comment, String actor, Locale locale) {
        var done = step.complete(taskId, input, comment, actor, locale);
        if (done.isPresent()) {
            return done.get();
        }
        // a co-signer's task, a step waiting for co-signers, or a task no longer open: the rules below answer
        caseLock.hold(access.open(taskId).getProcessInstanceId());
        // read again under the lock: a parallel branch or a rival completion may have committed meanwhile
        Task task = access.open(taskId);
        var context = permissions.of(task);
        permissions.require(TaskAction.COMPLETE, context, actor);
        Map<String, Object> data = input.read(task.getFormKey() == null ? null : forms.get(task.getFormKey()));
        if (context.coSign()) {
            return coSigners.sign(task, data, comment, actor, locale);
        }
        Map<String, Object> values = completion.validate(task, data, locale, actor);
        if (coSigners.mustHold(context)) {
            completion.ownFiles(task, values, actor);
            return coSigners.hold(task, values, comment, actor);
        }
        return completion.complete(task, values, comment, actor);
    }

    /** A comment on the task outside any completion, by anyone who may see it. */
    @Transactional
    public void comment(String taskId, String text, String actor) {
        Task task = access.open(taskId);
        permissions.require(TaskAction.COMMENT, permissions.of(task), actor);
        String clean = StepCompletion.comment(text);
        if (clean == null) {
            throw InvalidInputException.of("text", Refusal.of("workflow.emptyComment"));
        }
        Authentication.setAuthenticatedUserId(actor);
        try {
            tasks.addComment(taskId, task.getProcessInstanceId(), clean);
        } finally {
            Authentication.setAuthenticatedUserId(null);
        }
        audit.record(completion.entry(actor, task, AuditAction.COMMENTED, Map.of(), clean));
    }

    private String subject(Task task) {
        Object subject = runtime.getVariable(task.getProcessInstanceId(), "subject");
        return subject == null ? null : subject.toString();
    }
}
