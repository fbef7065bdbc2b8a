package cn.xianfeng.workflow.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.workflow.FormRegistry;
import org.flowable.bpmn.model.UserTask;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.flowable.task.api.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What 退回 and 撤回 may do to a case: move back only to a user step this case has already passed, never across
 * parallel work in progress or a vote already recorded, and withdraw only while the next step is untouched.
 */
@Component
public class StepHistory {

    private final HistoryService history;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ProcessCatalog catalog;
    private final FormRegistry forms;
    private final SignerRows signers;

    StepHistory(HistoryService history, RuntimeService runtime, TaskService tasks, ProcessCatalog catalog,
                FormRegistry forms, SignerRows signers) {
        this.signers = signers;
        this.history = history;
        this.runtime = runtime;
        this.tasks = tasks;
        this.catalog = catalog;
        this.forms = forms;
    }

    /** The last completion of {@code stepId} in the case, which a return goes back to; 400 if there is none. */
    public HistoricTaskInstance returnTarget(Task current, String stepId) {
        if (stepId == null || stepId.equals(current.getTaskDefinitionKey())) {
            throw InvalidInputException.of("toStepId", Refusal.of("workflow.earlierStep"));
        }
        var model = catalog.model(current.getProcessDefinitionId()).getMainProcess().getFlowElement(stepId, true);
        if (!(model instanceof UserTask)) {
            throw InvalidInputException.of("toStepId", Refusal.of("workflow.notAStep", stepId));
        }
        HistoricTaskInstance target = lastCompletion(current.getProcessInstanceId(), stepId)
                .orElseThrow(() -> InvalidInputException.of("toStepId", Refusal.of("workflow.stepNotReached", stepId)));
        if (tasks.createTaskQuery().processInstanceId(current.getProcessInstanceId()).taskWithoutCategory().count() > 1) {
            throw new ConflictException(Refusal.of("workflow.parallelOpen"));
        }
        requireNoVoteSince(current.getProcessInstanceId(), target);
        return target;
    }

    private void requireNoVoteSince(String caseId, HistoricTaskInstance target) {
        for (HistoricTaskInstance later : completedAfter(caseId, target)) {
            if (later.getFormKey() != null && forms.has(later.getFormKey())
                    && forms.get(later.getFormKey()).field("yes").isPresent()) {
                throw new ConflictException(Refusal.of("workflow.votedAlready", later.getName()));
            }
        }
    }

    /** The actor's last completion in the case, and the tasks that followed it — provided none has been touched. */
    public Withdrawal withdrawal(String caseId, String actor) {
        HistoricTaskInstance mine = history.createHistoricTaskInstanceQuery().processInstanceId(caseId)
                .taskAssignee(actor).finished().taskWithoutCategory() // a co-signer's signature is not withdrawn
                .orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1).stream()
                .findFirst().orElseThrow(() -> new ConflictException(Refusal.of("workflow.nothingToWithdraw")));
        List<Task> open = tasks.createTaskQuery().processInstanceId(caseId).list();
        List<Task> next = open.stream().filter(t -> !t.getCreateTime().before(mine.getEndTime())).toList();
        if (next.isEmpty() || next.size() != open.size()) {
            throw new ConflictException(Refusal.of("workflow.laterStepActed"));
        }
        for (Task t : next) {
            if (t.getClaimTime() != null || t.getDelegationState() != null || CoSignTasks.isCoSign(t)
                    || !signers.of(t.getId()).isEmpty() || !tasks.getTaskComments(t.getId()).isEmpty()) {
                throw new ConflictException(Refusal.of("workflow.nextStepStarted", t.getName()));
            }
        }
        if (completedAfter(caseId, mine).stream().anyMatch(h -> h.getEndTime() != null)) {
            throw new ConflictException(Refusal.of("workflow.laterStepActed"));
        }
        return new Withdrawal(mine, next);
    }

    public record Withdrawal(HistoricTaskInstance mine, List<Task> next) {
    }

    private Optional<HistoricTaskInstance> lastCompletion(String caseId, String stepId) {
        return history.createHistoricTaskInstanceQuery().processInstanceId(caseId).taskDefinitionKey(stepId).finished()
                .orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1).stream().findFirst();
    }

    private List<HistoricTaskInstance> completedAfter(String caseId, HistoricTaskInstance target) {
        return history.createHistoricTaskInstanceQuery().processInstanceId(caseId).finished().taskWithoutCategory()
                .taskCompletedAfter(target.getEndTime()).list().stream()
                .filter(h -> !h.getId().equals(target.getId()))
                .sorted(Comparator.comparing(HistoricTaskInstance::getEndTime)).toList();
    }

    public boolean isActive(String caseId) {
        return runtime.createProcessInstanceQuery().processInstanceId(caseId).count() > 0;
    }
}
