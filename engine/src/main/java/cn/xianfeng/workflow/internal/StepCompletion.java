package cn.xianfeng.workflow.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.workflow.CaseStatus;
import cn.xianfeng.workflow.FormRegistry;
import cn.xianfeng.workflow.FormValidator;
import cn.xianfeng.workflow.StepRules;
import cn.xianfeng.workflow.ValidatedForm;
import cn.xianfeng.workflow.WorkflowTypes.Completion;
import cn.xianfeng.workflow.WorkflowTypes.NextStep;
import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.flowable.common.engine.api.FlowableTaskAlreadyClaimedException;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Completing a step, once its holder is known to be allowed: the form validated on the server, the procedure's
 * rules, Flowable's completion, the audit event and the case's outcome, in the caller's transaction. The task
 * façade runs it for a holder's submission, the co-signing rules for a submission that waited for co-signers.
 */
@Component
public class StepCompletion {

    public static final String TAKEN_KEY = "workflow.taken";
    private static final int MAX_COMMENT = 2000;

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final FormRegistry forms;
    private final FormValidator validator;
    private final CaseOutcome outcome;
    private final CaseRecords records;
    private final AuditTrail audit;
    private final RuleBook ruleBook;
    private final Attachments attachments;

    StepCompletion(TaskService tasks, RuntimeService runtime, HistoryService history, FormRegistry forms,
                   FormValidator validator, CaseOutcome outcome, CaseRecords records, AuditTrail audit, RuleBook ruleBook,
                   Attachments attachments) {
        this.attachments = attachments;
        this.tasks = tasks;
        this.runtime = runtime;
        this.history = history;
        this.forms = forms;
        this.validator = validator;
        this.outcome = outcome;
        this.records = records;
        this.audit = audit;
        this.ruleBook = ruleBook;
    }

    /**
     * The task's form checked on the server for {@code actor} (people and orgs they may pick): cleaned values, or 400
     * naming every bad field.
     */
    public Map<String, Object> validate(Task task, Map<String, Object> data, Locale locale, String actor) {
        if (task.getFormKey() == null) {
            return Map.of();
        }
        ValidatedForm form = validator.validate(forms.get(task.getFormKey()), data == null ? Map.of() : data, locale,
                actor);
        if (!form.valid()) {
            throw new InvalidInputException(form.errors().stream()
                    .map(e -> new InvalidInputException.Violation("data." + e.field(), e.message())).toList());
        }
        return form.values();
    }

    /**
     * The files a validated form names, by field; 400 when one is not the actor's own upload (nor already a file of
     * this case): a form never binds someone else's upload to a case.
     */
    public Map<String, List<String>> ownFiles(Task task, Map<String, Object> values, String actor) {
        if (task.getFormKey() == null) {
            return Map.of();
        }
        Map<String, List<String>> files = FormFiles.of(forms.get(task.getFormKey()), values);
        for (var f : files.entrySet()) {
            if (!attachments.notBindable(task.getProcessInstanceId(), f.getValue(), actor).isEmpty()) {
                throw InvalidInputException.of("data." + f.getKey(), Refusal.of("workflow.attachmentNotYours"));
            }
        }
        return files;
    }

    /** Applies the procedure's rules and completes the step as {@code actor} with validated values. */
    public Completion complete(Task task, Map<String, Object> values, String comment, String actor) {
        return apply(prepare(task, values, comment, actor), null);
    }

    /** A completion checked against the procedure's rules, with everything it will write; nothing written yet. */
    public record Prepared(Task task, Map<String, Object> values, String comment, String actor,
                           Map<String, List<String>> files, StepRules rules, StepRules.Step step,
                           Map<String, Object> variables, AuditEntry completed) {
    }

    /** The comment, the files and the procedure's rules checked (400/403/409 refuse); writes nothing. */
    public Prepared prepare(Task task, Map<String, Object> values, String comment, String actor) {
        String caseId = task.getProcessInstanceId();
        String cleanComment = comment(comment);
        Map<String, List<String>> files = ownFiles(task, values, actor);
        StepRules rules = ruleBook.of(ProcessCatalog.keyOf(task.getProcessDefinitionId()));
        StepRules.Step step = new StepRules.Step(caseId, task.getTaskDefinitionKey(), task.getId(),
                runtime.getVariables(caseId));
        Map<String, Object> extra = rules.beforeComplete(step, values, actor);
        Map<String, Object> variables = new HashMap<>(Variables.forEngine(values));
        variables.putAll(Variables.forEngine(extra));
        // a value the case holds already (the same decision as at the last step, a date carried forward) is not set
        // again: the engine would read and rewrite its history row for nothing. Safe under the case lock, in the
        // transaction that read them; the audit event keeps what was submitted.
        variables.entrySet().removeIf(v -> step.variables().containsKey(v.getKey())
                && java.util.Objects.equals(step.variables().get(v.getKey()), v.getValue()));
        AuditEntry completed = entry(actor, task, AuditAction.TASK_COMPLETED, Variables.forJson(values), cleanComment);
        return new Prepared(task, values, cleanComment, actor, files, rules, step, variables, completed);
    }

    /**
     * Completes a prepared step. Inside the step's one engine command ({@code recording} not null) the case's end and
     * next steps come from what the command recorded instead of queries after it.
     */
    public Completion apply(Prepared p, StepRecorder.Recording recording) {
        Task task = p.task();
        String caseId = task.getProcessInstanceId();
        String actor = p.actor();
        Map<String, List<String>> files = p.files();
        StepRules rules = p.rules();
        StepRules.Step step = p.step();
        Map<String, Object> values = p.values();
        AuditEntry completed = p.completed();
        Authentication.setAuthenticatedUserId(actor);
        try {
            retryable(() -> {
                if (task.getAssignee() == null) {
                    tasks.claim(task.getId(), actor);
                }
                // the opinion is the TASK_COMPLETED event's comment, in the case's chain: no Flowable comment too
                tasks.complete(task.getId(), p.variables());
            });
        } finally {
            Authentication.setAuthenticatedUserId(null);
        }
        audit.record(completed);
        for (var f : files.entrySet()) {
            attachments.bind(caseId, task.getTaskDefinitionKey(), f.getValue(), actor, completed.orgCode(),
                    "data." + f.getKey());
        }
        if (recording == null) {
            outcome.recordIfEnded(caseId);
        } else {
            var ending = recording.ending();
            ending.ifPresent(e -> records.end(caseId, e.getKey(), e.getValue()));
            // the rules learn how the case stands from the command, not from its record read again
            step = step.completed(ending.map(Map.Entry::getKey).orElse(CaseStatus.ACTIVE));
        }
        rules.completed(step, values, actor);
        return recording == null ? completion(caseId) : recording.completion(task.getTaskDefinitionKey());
    }

    /** Where the case stands now: its status and its next steps (co-signers' tasks aside). */
    public Completion completion(String caseId) {
        List<org.flowable.task.api.Task> open = tasks.createTaskQuery().processInstanceId(caseId).taskWithoutCategory().list();
        List<String> keys = open.stream().map(org.flowable.task.api.Task::getTaskDefinitionKey).distinct().toList();
        java.util.Set<String> done = keys.isEmpty() ? java.util.Set.of() : history.createHistoricTaskInstanceQuery()
                .processInstanceId(caseId).taskDefinitionKeys(keys).finished().list().stream()
                .map(org.flowable.task.api.history.HistoricTaskInstance::getTaskDefinitionKey)
                .collect(java.util.stream.Collectors.toSet());
        List<NextStep> next = open.stream().map(t -> new NextStep(t.getTaskDefinitionKey(), t.getId(), t.getName(),
                done.contains(t.getTaskDefinitionKey()))).toList();
        CaseStatus status = records.find(caseId).map(CaseRecords.CaseRecord::status).orElse(CaseStatus.ACTIVE);
        return new Completion(caseId, next, status, false, false);
    }

    /** An opinion or comment: trimmed, at most 2000 characters, no control characters; null when blank. */
    public static String comment(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String clean = text.strip();
        if (clean.length() > MAX_COMMENT) {
            throw InvalidInputException.of("comment", Refusal.of("workflow.commentMax", String.valueOf(MAX_COMMENT)));
        }
        if (clean.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
            throw InvalidInputException.of("comment", Refusal.of("workflow.controlCharacters"));
        }
        return clean;
    }

    /** Built before the engine moves on: a completion may end the process and its variables with it. */
    public AuditEntry entry(String actor, Task task, AuditAction action, Map<String, Object> data, String comment) {
        Object org = runtime.getVariable(task.getProcessInstanceId(), "orgCode");
        String stepId = task.getTaskDefinitionKey() != null ? task.getTaskDefinitionKey() : task.getDescription();
        return new AuditEntry(actor, org == null ? null : org.toString(), action, task.getProcessInstanceId(), task.getId(),
                stepId, data, comment, null);
    }

    /** Two people acting on one task at once: one wins, the other gets 409; the winner's commit may have removed it. */
    public static void guarded(Runnable action) {
        try {
            action.run();
        } catch (FlowableOptimisticLockingException | FlowableTaskAlreadyClaimedException
                 | FlowableObjectNotFoundException e) {
            throw new ConflictException(Refusal.of(TAKEN_KEY));
        }
    }

    /** Like {@link #guarded}, but a stale case is worth another try of the whole transaction. */
    public static void retryable(Runnable action) {
        try {
            action.run();
        } catch (FlowableOptimisticLockingException e) {
            throw new StaleCase();
        } catch (FlowableTaskAlreadyClaimedException | FlowableObjectNotFoundException e) {
            throw new ConflictException(Refusal.of(TAKEN_KEY));
        } catch (RuntimeException e) {
            if (lostARace(e)) {
                throw new StaleCase();
            }
            throw e;
        }
    }

    /**
     * PostgreSQL chose this transaction as a deadlock's victim (40P01) or could not serialize it (40001): nothing of it
     * was kept, and the whole transaction may simply run again. A timer firing on a case while someone completes its
     * step can lock the same execution rows in the other order before either sees Flowable's revision conflict.
     */
    public static boolean lostARace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.dao.PessimisticLockingFailureException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && ("40P01".equals(sql.getSQLState())
                    || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Flowable found the case changed under this transaction; the task façade tries the whole completion again. */
    public static final class StaleCase extends RuntimeException {
        public StaleCase() {
            super(null, null, false, false);
        }
    }
}
