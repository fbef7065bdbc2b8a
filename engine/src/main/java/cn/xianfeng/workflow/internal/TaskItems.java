package cn.xianfeng.workflow.internal;

import cn.xianfeng.workflow.WorkflowTypes.CurrentStep;
import cn.xianfeng.workflow.WorkflowTypes.TaskItem;
import org.flowable.engine.TaskService;
import org.flowable.identitylink.api.IdentityLinkInfo;
import org.flowable.task.api.DelegationState;
import org.flowable.task.api.Task;
import org.flowable.task.api.TaskInfo;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Converts Flowable's tasks into the façade's task items, with candidates and overdue computed once. */
@Component
public class TaskItems {

    private final TaskService tasks;
    private final Clock clock;

    TaskItems(TaskService tasks, Clock clock) {
        this.tasks = tasks;
        this.clock = clock;
    }

    public TaskItem of(TaskInfo t, Instant endedAt, String caseSubject) {
        return of(t, endedAt, caseSubject, false);
    }

    /** {@code signing}: the step waits for co-signers (known to the caller, who looked them up). */
    public TaskItem of(TaskInfo t, Instant endedAt, String caseSubject, boolean signing) {
        Instant due = t.getDueDate() == null ? null : t.getDueDate().toInstant();
        List<String> candidates = t.getIdentityLinks() == null ? List.of() : t.getIdentityLinks().stream()
                .filter(l -> "candidate".equals(l.getType()))
                .map(l -> l.getGroupId() != null ? l.getGroupId() : l.getUserId()).sorted().toList();
        boolean overdue = due != null && (endedAt == null ? clock.instant() : endedAt).isAfter(due);
        String delegatedBy = t instanceof Task task && task.getDelegationState() == DelegationState.PENDING
                ? task.getOwner() : null;
        return new TaskItem(t.getId(), t.getProcessInstanceId(), ProcessCatalog.keyOf(t.getProcessDefinitionId()),
                CoSignTasks.stepOf(t), t.getName(), t.getAssignee(), candidates, t.getCreateTime().toInstant(), due,
                overdue, caseSubject, endedAt, delegatedBy, CoSignTasks.isCoSign(t), signing);
    }

    public List<CurrentStep> currentSteps(String caseId) {
        return tasks.createTaskQuery().processInstanceId(caseId).includeIdentityLinks().includeTaskLocalVariables()
                .orderByTaskCreateTime().asc().list().stream()
                .map(t -> {
                    TaskItem i = of(t, null, null);
                    Object escalated = t.getTaskLocalVariables().get(Escalations.ESCALATED_TO);
                    return new CurrentStep(i.stepId(), i.name(), i.id(), i.assignee(), i.candidates(), i.due(),
                            i.overdue(), escalated == null ? null : escalated.toString(), i.createdAt());
                })
                .toList();
    }

    static List<String> candidateGroups(List<? extends IdentityLinkInfo> links) {
        return links.stream().filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLinkInfo::getGroupId).toList();
    }
}
