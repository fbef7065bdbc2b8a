package cn.xianfeng.workflow;

import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.RefusedException;
import cn.xianfeng.common.Refusal;
import cn.xianfeng.workflow.WorkflowTypes.Completion;
import cn.xianfeng.workflow.WorkflowTypes.TaskAction;
import cn.xianfeng.workflow.internal.CaseLock;
import cn.xianfeng.workflow.internal.StepCompletion;
import cn.xianfeng.workflow.internal.StepRecorder;
import cn.xianfeng.workflow.internal.TaskPermissions;
import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.flowable.common.engine.api.FlowableTaskAlreadyClaimedException;
import org.flowable.engine.ManagementService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A holder's completion of a step as one engine command, inside the caller's transaction: the case lock (which also
 * reads the cache generations), the case's open tasks with their candidates (read once; the engine serves the task,
 * its case and variables from the command's cache afterwards), authorization, the form validated on the server, the
 * procedure's rules, claim and completion, and what comes next heard from the engine's events. Before anything is
 * written a refusal leaves the command as a value, so the engine does not log it as its own error. A co-signer's task
 * and a step waiting for co-signers are not handled here (their rules use a savepoint, which an engine command's cache
 * would not roll back): the answer is then empty, with the case lock held.
 */
@Component
class StepCommand {

    private final ManagementService management;
    private final TaskService tasks;
    private final CaseLock caseLock;
    private final TaskPermissions permissions;
    private final StepCompletion completion;
    private final StepRecorder recorder;
    private final CoSigners coSigners;
    private final FormRegistry forms;

    StepCommand(ManagementService management, TaskService tasks, CaseLock caseLock, TaskPermissions permissions,
                StepCompletion completion, StepRecorder recorder, CoSigners coSigners, FormRegistry forms) {
        this.management = management;
        this.tasks = tasks;
        this.caseLock = caseLock;
        this.permissions = permissions;
        this.completion = completion;
        this.recorder = recorder;
        this.coSigners = coSigners;
        this.forms = forms;
    }

    private record Outcome(Completion completion, RuntimeException refusal) {
    }

    /** The completion, or empty when the co-signing rules (or the refusals of a task not open) must answer. */
    Optional<Completion> complete(String taskId, FormInput input, String comment, String actor, Locale locale) {
        Outcome outcome;
        try {
            outcome = management.executeCommand(context -> run(taskId, input, comment, actor, locale));
        } catch (FlowableOptimisticLockingException e) {
            throw new StepCompletion.StaleCase();
        } catch (FlowableTaskAlreadyClaimedException | FlowableObjectNotFoundException e) {
            throw new ConflictException(Refusal.of(StepCompletion.TAKEN_KEY));
        } catch (RuntimeException e) {
            if (StepCompletion.lostARace(e)) {
                throw new StepCompletion.StaleCase(); // the whole transaction runs again (Tasks.complete)
            }
            throw e;
        }
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return Optional.ofNullable(outcome.completion());
    }

    private Outcome run(String taskId, FormInput input, String comment, String actor, Locale locale) {
        CaseLock.LockedTask locked = caseLock.holdForTask(taskId).orElse(null);
        if (locked == null) {
            return new Outcome(null, null);
        }
        String caseId = locked.caseId();
        List<Task> open = tasks.createTaskQuery().processInstanceId(caseId).includeIdentityLinks().list();
        Task task = open.stream().filter(t -> t.getId().equals(taskId)).findFirst().orElse(null);
        if (task == null) {
            return new Outcome(null, null);
        }
        StepCompletion.Prepared prepared;
        try {
            // most steps have no co-signers (the lock's statement said so): no need to read them
            var context = locked.coSigners() ? permissions.of(task)
                    : new TaskPermissions.Context(task, List.of(), Optional.empty());
            permissions.require(TaskAction.COMPLETE, context, actor);
            if (context.coSign() || coSigners.mustHold(context)) {
                return new Outcome(null, null);
            }
            Map<String, Object> values = completion.validate(task,
                    input.read(task.getFormKey() == null ? null : forms.get(task.getFormKey())), locale, actor);
            prepared = completion.prepare(task, values, comment, actor);
        } catch (RefusedException | InvalidInputException e) {
            return new Outcome(null, e); // the engine wrote nothing yet: its command closes clean, the transaction rolls back
        }
        return new Outcome(completion.apply(prepared, recorder.start(caseId, open, locked.finishedSteps())), null);
    }
}
