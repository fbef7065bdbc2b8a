package cn.xianfeng.workflow.internal;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.org.CandidateGroups;
import org.flowable.engine.TaskService;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Escalates an overdue step, called from a non-interrupting boundary timer:
 * {@code ${escalations.toCommitteeAbove(execution, 'step17', 'ORG_DEPARTMENT')}}. The step's task gains the
 * candidate group of that role in the committee above the higher committee and remembers where it went.
 */
@Component("escalations")
public class Escalations {

    public static final String ESCALATED_TO = "escalatedTo";

    private final TaskService tasks;
    private final CandidateGroups groups;
    private final AuditTrail audit;

    Escalations(TaskService tasks, CandidateGroups groups, AuditTrail audit) {
        this.tasks = tasks;
        this.groups = groups;
        this.audit = audit;
    }

    public void toCommitteeAbove(DelegateExecution execution, String stepId, String role) {
        String orgCode = (String) execution.getVariable("orgCode");
        String group = groups.committeeAboveCommittee(role, orgCode);
        String target = group.substring(group.indexOf('@') + 1);
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(stepId).list()) {
            tasks.addCandidateGroup(task.getId(), group);
            tasks.setVariableLocal(task.getId(), ESCALATED_TO, target);
            audit.record(new AuditEntry("system", target, AuditAction.ESCALATED, execution.getProcessInstanceId(), task.getId(),
                    stepId, Map.of("to", group, "due", String.valueOf(task.getDueDate())), null, null));
        }
    }
}
