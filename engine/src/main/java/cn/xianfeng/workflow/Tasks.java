package cn.xianfeng.workflow;

import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.workflow.WorkflowTypes.Completion;
import cn.xianfeng.workflow.WorkflowTypes.NextStep;
import cn.xianfeng.workflow.WorkflowTypes.TaskDetail;
import cn.xianfeng.workflow.internal.CaseLock;
import cn.xianfeng.workflow.internal.CaseOutcome;
import cn.xianfeng.workflow.internal.ProcessCatalog;
import cn.xianfeng.workflow.internal.RuleBook;
import cn.xianfeng.workflow.internal.TaskAccess;
import cn.xianfeng.workflow.internal.TaskItems;
import cn.xianfeng.workflow.internal.Variables;
import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The task façade: claim, unclaim, complete with a validated form, comment. Authorization happens here. */
@Service
public class Tasks {

    private static final int MAX_COMMENT = 2000;

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final TaskAccess access;
    private final TaskItems items;
    private final FormRegistry forms;
    private final FormValidator validator;
    private final CaseOutcome outcome;
    private final AuditTrail audit;
    private final RuleBook ruleBook;
    private final CaseLock caseLock;
    private final TransactionTemplate transaction;
    private static final String TAKEN = "任务已被他人处理，请刷新后重试";

    Tasks(TaskService tasks, RuntimeService runtime, TaskAccess access, TaskItems items, FormRegistry forms,
          FormValidator validator, CaseOutcome outcome, AuditTrail audit, RuleBook ruleBook, CaseLock caseLock,
          org.springframework.transaction.PlatformTransactionManager transactions) {
        this.caseLock = caseLock;
        this.transaction = new TransactionTemplate(transactions);
        this.ruleBook = ruleBook;
        this.tasks = tasks;
        this.runtime = runtime;
        this.access = access;
        this.items = items;
        this.forms = forms;
        this.validator = validator;
        this.outcome = outcome;
        this.audit = audit;
    }

    public TaskDetail get(String taskId, String viewer) {
        Task task = access.open(taskId);
        access.requireVisible(task, viewer);
        FormDefinition form = task.getFormKey() == null ? null : forms.get(task.getFormKey());
        Map<String, Object> values = new LinkedHashMap<>();
        if (form != null) {
            Map<String, Object> variables = runtime.getVariables(task.getExecutionId());
            // only what the step's own definition carries forward: a field of the same name at an earlier step
            // (step03's meetingDate at step07, the application's reason at a rejection) is not this step's value
            form.fields().forEach(f -> {
                if ((f.readOnly() || f.prefill()) && variables.containsKey(f.id())) {
                    values.put(f.id(), Variables.forJson(Map.of(f.id(), variables.get(f.id()))).get(f.id()));
                }
            });
        }
        return new TaskDetail(items.of(task, null, subject(task)), form, values);
    }

    @Transactional
    public void claim(String taskId, String actor) {
        Task task = access.open(taskId);
        access.requireActor(task, actor);
        if (actor.equals(task.getAssignee())) {
            return;
        }
        guarded(() -> tasks.claim(taskId, actor));
        audit.record(entry(actor, task, "TASK_CLAIMED", Map.of(), null));
    }

    @Transactional
    public void unclaim(String taskId, String actor) {
        Task task = access.open(taskId);
        if (!actor.equals(task.getAssignee())) {
            access.requireVisible(task, actor);
            throw new ConflictException("只有签收人可以退签");
        }
        if (!access.isCandidate(task, actor)) {
            throw new ConflictException("该任务直接指派给您，不能退签");
        }
        guarded(() -> tasks.unclaim(taskId));
        audit.record(entry(actor, task, "TASK_UNCLAIMED", Map.of(), null));
    }

    /**
     * Validates the data against the task's form on the server, then completes the task in one transaction. When
     * Flowable finds the case changed under it (optimistic lock: a job or a parallel branch touched it) and this
     * call owns its transaction, the whole completion is tried again, at most three times; if a rival completed
     * this very task meanwhile, the retry answers 409 like any completed task.
     */
    public Completion complete(String taskId, Map<String, Object> data, String comment, String actor, Locale locale) {
        boolean ownTransaction = !TransactionSynchronizationManager.isActualTransactionActive();
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> completeOnce(taskId, data, comment, actor, locale));
            } catch (StaleCase e) {
                if (!ownTransaction || attempt == 3) {
                    throw new ConflictException(TAKEN);
                }
            }
        }
    }

    private Completion completeOnce(String taskId, Map<String, Object> data, String comment, String actor,
                                    Locale locale) {
        caseLock.hold(access.open(taskId).getProcessInstanceId());
        // read again under the lock: a parallel branch or a rival completion may have committed meanwhile
        Task task = access.open(taskId);
        access.requireActor(task, actor);
        String cleanComment = comment(comment);
        Map<String, Object> values = Map.of();
        if (task.getFormKey() != null) {
            ValidatedForm form = validator.validate(forms.get(task.getFormKey()), data == null ? Map.of() : data, locale,
                    actor);
            if (!form.valid()) {
                throw new InvalidInputException(form.errors().stream()
                        .map(e -> new InvalidInputException.Violation("data." + e.field(), e.message())).toList());
            }
            values = form.values();
        }
        StepRules rules = ruleBook.of(ProcessCatalog.keyOf(task.getProcessDefinitionId()));
        StepRules.Step step = new StepRules.Step(task.getProcessInstanceId(), task.getTaskDefinitionKey(), taskId,
                runtime.getVariables(task.getProcessInstanceId()));
        Map<String, Object> extra = rules.beforeComplete(step, values, actor);
        Map<String, Object> variables = new java.util.HashMap<>(Variables.forEngine(values));
        variables.putAll(Variables.forEngine(extra));
        AuditEntry completed = entry(actor, task, "TASK_COMPLETED", Variables.forJson(values), cleanComment);
        Authentication.setAuthenticatedUserId(actor);
        try {
            retryable(() -> {
                if (task.getAssignee() == null) {
                    tasks.claim(taskId, actor);
                }
                if (cleanComment != null) {
                    tasks.addComment(taskId, task.getProcessInstanceId(), cleanComment);
                }
                tasks.complete(taskId, variables);
            });
        } finally {
            Authentication.setAuthenticatedUserId(null);
        }
        audit.record(completed);
        outcome.recordIfEnded(task.getProcessInstanceId());
        rules.completed(step, values, actor);
        List<NextStep> next = tasks.createTaskQuery().processInstanceId(task.getProcessInstanceId()).list().stream()
                .map(t -> new NextStep(t.getTaskDefinitionKey(), t.getId())).toList();
        return new Completion(task.getProcessInstanceId(), next);
    }

    @Transactional
    public void comment(String taskId, String text, String actor) {
        Task task = access.open(taskId);
        access.requireVisible(task, actor);
        String clean = comment(text);
        if (clean == null) {
            throw InvalidInputException.of("text", "评论不能为空");
        }
        tasks.addComment(taskId, task.getProcessInstanceId(), clean);
        audit.record(entry(actor, task, "COMMENTED", Map.of(), clean));
    }

    private static String comment(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String clean = text.strip();
        if (clean.length() > MAX_COMMENT) {
            throw InvalidInputException.of("comment", "意见至多 " + MAX_COMMENT + " 字");
        }
        if (clean.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
            throw InvalidInputException.of("comment", "含有不允许的控制字符");
        }
        return clean;
    }

    private String subject(Task task) {
        Object subject = runtime.getVariable(task.getProcessInstanceId(), "subject");
        return subject == null ? null : subject.toString();
    }

    /** Built before the engine moves on: a completion may end the process and its variables with it. */
    private AuditEntry entry(String actor, Task task, String action, Map<String, Object> data, String comment) {
        Object org = runtime.getVariable(task.getProcessInstanceId(), "orgCode");
        return new AuditEntry(actor, org == null ? null : org.toString(), action, task.getProcessInstanceId(), task.getId(),
                task.getTaskDefinitionKey(), data, comment, null);
    }

    /**
     * Two people acting on one task at once: Flowable's optimistic lock lets one win; the other gets 409. When the
     * winner committed between the loser's read and its write, the task is simply gone: that is the same race.
     */
    private static void guarded(Runnable action) {
        try {
            action.run();
        } catch (FlowableOptimisticLockingException | org.flowable.common.engine.api.FlowableTaskAlreadyClaimedException
                 | org.flowable.common.engine.api.FlowableObjectNotFoundException e) {
            throw new ConflictException(TAKEN);
        }
    }

    /** Like {@link #guarded}, but a stale case is worth another try (see {@link #complete}). */
    private static void retryable(Runnable action) {
        try {
            action.run();
        } catch (FlowableOptimisticLockingException e) {
            throw new StaleCase();
        } catch (org.flowable.common.engine.api.FlowableTaskAlreadyClaimedException
                 | org.flowable.common.engine.api.FlowableObjectNotFoundException e) {
            throw new ConflictException(TAKEN);
        }
    }

    private static final class StaleCase extends RuntimeException {
        StaleCase() {
            super(null, null, false, false);
        }
    }
}
