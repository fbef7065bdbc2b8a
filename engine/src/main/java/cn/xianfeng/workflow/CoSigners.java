package cn.xianfeng.workflow;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.workflow.TaskEvents.SignRequested;
import cn.xianfeng.workflow.TaskEvents.SignerRemoved;
import cn.xianfeng.workflow.TaskEvents.SignersSigned;
import cn.xianfeng.workflow.TaskEvents.SubmissionReturned;
import cn.xianfeng.workflow.WorkflowTypes.Completion;
import cn.xianfeng.workflow.WorkflowTypes.HeldSubmission;
import cn.xianfeng.workflow.WorkflowTypes.SignPosition;
import cn.xianfeng.workflow.WorkflowTypes.Signer;
import cn.xianfeng.workflow.WorkflowTypes.SignerState;
import cn.xianfeng.workflow.WorkflowTypes.TaskAction;
import cn.xianfeng.workflow.internal.CaseLock;
import cn.xianfeng.workflow.internal.CaseRecords;
import cn.xianfeng.workflow.internal.CoSignTasks;
import cn.xianfeng.workflow.internal.SignerRows;
import cn.xianfeng.workflow.internal.StepCompletion;
import cn.xianfeng.workflow.internal.StepHolders;
import cn.xianfeng.workflow.internal.TaskAccess;
import cn.xianfeng.workflow.internal.TaskPermissions;
import cn.xianfeng.workflow.internal.Variables;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * 加签 / 减签: co-signers of a step, each a Flowable sub-task of the step's task while they may sign.
 * <ul>
 * <li>BEFORE: they sign first; the owner may submit only once every one of them has signed, seeing their opinions.</li>
 * <li>PARALLEL: they sign while the owner works; the step completes when both the owner's submission and every
 * signature are in, whichever comes last (a submission made first waits).</li>
 * <li>AFTER: they sign the owner's submission; their tasks open when the owner submits, and the step completes when
 * the last of them has signed.</li>
 * </ul>
 * The step's decision is always the owner's form. A co-signer answers 同意 or 不同意 (with a reason). A 不同意 to a
 * submission that waits for them sends the step back to the owner, who decides again (AFTER co-signers then sign the
 * new submission again); a 不同意 given before the owner submits is shown to the owner when deciding. Who may add or
 * remove them: the step's holder, as for 转办; each co-signer is checked as a 转办 target is.
 */
@Service
public class CoSigners {

    static final int MAX_SIGNERS = 10;

    private final TaskService tasks;
    private final TaskAccess access;
    private final TaskPermissions permissions;
    private final StepHolders holders;
    private final SignerRows rows;
    private final CoSignTasks signTasks;
    private final StepCompletion completion;
    private final CaseRecords records;
    private final CaseLock caseLock;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    CoSigners(TaskService tasks, TaskAccess access, TaskPermissions permissions, StepHolders holders, SignerRows rows,
              CoSignTasks signTasks, StepCompletion completion, CaseRecords records, CaseLock caseLock,
              AuditTrail audit, ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
        this.tasks = tasks;
        this.access = access;
        this.permissions = permissions;
        this.holders = holders;
        this.rows = rows;
        this.signTasks = signTasks;
        this.completion = completion;
        this.records = records;
        this.caseLock = caseLock;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** 加签: asks each person to sign the step at the position; the holder claims it first if nobody holds it. */
    @Transactional
    public void add(String taskId, List<String> users, SignPosition position, String reason, String actor) {
        Task task = locked(taskId);
        var context = permissions.of(task);
        permissions.require(TaskAction.ADD_SIGNERS, context, actor);
        if (position == null) {
            throw InvalidInputException.of("position", Refusal.of("workflow.signPosition"));
        }
        String why = TaskOperations.required(reason, "reason");
        if (users == null || users.isEmpty()) {
            throw InvalidInputException.of("users", Refusal.of("workflow.signerRequired"));
        }
        if (users.size() + context.signers().size() > MAX_SIGNERS) {
            throw InvalidInputException.of("users", Refusal.of("workflow.maxSigners", String.valueOf(MAX_SIGNERS)));
        }
        var record = records.find(task.getProcessInstanceId()).orElseThrow();
        var seen = new HashSet<String>();
        for (String user : users) {
            String u = user == null ? null : user.strip();
            var person = holders.requireHolder(task, record, u, actor, "users");
            if (!seen.add(u) || context.signers().stream().anyMatch(s -> s.username().equals(u))) {
                throw InvalidInputException.of("users", Refusal.of("workflow.alreadySigner", person.name()));
            }
        }
        if (task.getAssignee() == null) {
            StepCompletion.guarded(() -> tasks.claim(taskId, actor));
        }
        for (String u : seen) {
            rows.insert(taskId, task.getProcessInstanceId(), u, position, actor, why, clock.instant());
            if (position != SignPosition.AFTER) {
                open(task, u, actor, position, why);
            }
        }
        audit.record(completion.entry(actor, task, AuditAction.SIGNERS_ADDED,
                Map.of("users", List.copyOf(seen), "position", position.name()), why));
    }

    /** 减签: takes back a co-signer who has not signed; a submission waiting only for them then takes effect. */
    @Transactional
    public void remove(String taskId, String user, String reason, String actor) {
        Task task = locked(taskId);
        var context = permissions.of(task);
        permissions.require(TaskAction.REMOVE_SIGNER, context, actor);
        String why = TaskOperations.required(reason, "reason");
        Signer signer = context.signers().stream().filter(s -> s.username().equals(user == null ? null : user.strip())
                && s.pending()).findFirst()
                .orElseThrow(() -> InvalidInputException.of("user", Refusal.of("workflow.notPendingSigner", user)));
        signTasks.withdraw(signer.signTaskId(), "减签：" + why);
        rows.delete(taskId, signer.username());
        audit.record(completion.entry(actor, task, AuditAction.SIGNER_REMOVED,
                Map.of("user", signer.username(), "position", signer.position().name()), why));
        events.publishEvent(new SignerRemoved(signer.signTaskId(), task.getProcessInstanceId(), task.getName(), actor,
                signer.username(), why));
        Optional<HeldSubmission> held = rows.held(taskId);
        if (held.isPresent() && rows.of(taskId).stream().noneMatch(Signer::pending)) {
            apply(task, held.get());
        }
    }

    /** Whether the holder's submission must wait: co-signers in parallel still signing, or co-signers after. */
    boolean mustHold(TaskPermissions.Context context) {
        return context.signers().stream().anyMatch(s -> (s.position() == SignPosition.PARALLEL && s.state() == SignerState.OPEN)
                || s.position() == SignPosition.AFTER && s.state() == SignerState.WAITING);
    }

    /** Keeps the holder's validated submission and opens the AFTER co-signers' tasks. */
    Completion hold(Task step, Map<String, Object> values, String comment, String actor) {
        String clean = StepCompletion.comment(comment);
        rows.hold(step.getId(), step.getProcessInstanceId(), actor, Variables.forJson(values), clean, clock.instant());
        for (Signer s : rows.of(step.getId())) {
            if (s.position() == SignPosition.AFTER && s.state() == SignerState.WAITING) {
                open(step, s.username(), s.addedBy(), s.position(), s.reason());
            }
        }
        audit.record(completion.entry(actor, step, AuditAction.SUBMISSION_HELD, Variables.forJson(values), clean));
        return new Completion(step.getProcessInstanceId(), List.of(), CaseStatus.ACTIVE, true, false);
    }

    /** A co-signer's opinion on their own task; may complete the step or send the owner's submission back. */
    Completion sign(Task signTask, Map<String, Object> data, String comment, String actor, Locale locale) {
        SignerRows.Row row = rows.bySignTask(signTask.getId())
                .orElseThrow(() -> new ConflictException(Refusal.of(StepCompletion.TAKEN_KEY)));
        if (!actor.equals(signTask.getAssignee())) {
            throw new ForbiddenException(Refusal.of("workflow.notYourTask"));
        }
        Task step = access.open(row.taskId());
        Map<String, Object> values = completion.validate(signTask, data, locale, actor);
        boolean agree = "APPROVE".equals(values.get("decision"));
        String clean = StepCompletion.comment(comment);
        Authentication.setAuthenticatedUserId(actor);
        try {
            StepCompletion.retryable(() -> {
                if (clean != null) {
                    tasks.addComment(signTask.getId(), signTask.getProcessInstanceId(), clean);
                }
                tasks.complete(signTask.getId());
            });
        } finally {
            Authentication.setAuthenticatedUserId(null);
        }
        rows.signed(step.getId(), actor, agree ? SignerState.AGREED : SignerState.DISAGREED, clock.instant());
        // an opinion, not the step's decision: kept apart so no reader labels it as the step's 同意/不同意
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("opinion", values.get("decision"));
        recorded.put("position", row.signer().position().name());
        if (values.get("reason") != null) {
            recorded.put("reason", values.get("reason"));
        }
        audit.record(completion.entry(actor, signTask, AuditAction.TASK_SIGNED, recorded,
                clean != null ? clean : (String) values.get("reason")));
        Optional<HeldSubmission> held = rows.held(step.getId());
        List<Signer> now = rows.of(step.getId());
        if (held.isPresent() && !agree) {
            sendBack(step, held.get(), actor, String.valueOf(values.get("reason")));
        } else if (held.isPresent() && now.stream().noneMatch(Signer::pending)) {
            apply(step, held.get());
        } else if (row.signer().position() == SignPosition.BEFORE && now.stream()
                .noneMatch(s -> s.position() == SignPosition.BEFORE && s.state() == SignerState.OPEN)) {
            events.publishEvent(new SignersSigned(step.getId(), step.getProcessInstanceId(), step.getName(), step.getAssignee()));
        }
        Completion after = completion.completion(signTask.getProcessInstanceId());
        return new Completion(after.caseId(), after.next(), after.status(), false, true);
    }

    /** The held submission takes effect as the owner's completion; if the rules now refuse it, it goes back. */
    private void apply(Task step, HeldSubmission held) {
        try {
            savepoint.executeWithoutResult(tx -> {
                rows.release(step.getId());
                Map<String, Object> values = completion.validate(step, held.data(), Locale.SIMPLIFIED_CHINESE, held.actor());
                completion.complete(step, values, held.comment(), held.actor());
            });
        } catch (InvalidInputException e) {
            sendBack(step, held, "system", e.violations().get(0).message());
        } catch (ConflictException | ForbiddenException e) {
            sendBack(step, held, "system", e.getMessage());
        }
    }

    /** The owner's submission is discarded; AFTER co-signers will sign the owner's next one. */
    private void sendBack(Task step, HeldSubmission held, String by, String reason) {
        rows.release(step.getId());
        for (Signer s : rows.of(step.getId())) {
            if (s.position() == SignPosition.AFTER) {
                signTasks.withdraw(s.signTaskId(), "办理人重新办理");
                rows.waitAgain(step.getId(), s.username());
            }
        }
        audit.record(completion.entry(by, step, AuditAction.SUBMISSION_RETURNED, Map.of("owner", held.actor()), reason));
        events.publishEvent(new SubmissionReturned(step.getId(), step.getProcessInstanceId(), step.getName(),
                held.actor(), by, reason));
    }

    private void open(Task step, String signer, String by, SignPosition position, String reason) {
        String signTaskId = signTasks.open(step, signer);
        rows.open(step.getId(), signer, signTaskId);
        events.publishEvent(new SignRequested(signTaskId, step.getProcessInstanceId(), step.getName(), by, signer,
                position, reason));
    }

    private Task locked(String taskId) {
        caseLock.hold(access.open(taskId).getProcessInstanceId());
        return access.open(taskId);
    }
}
