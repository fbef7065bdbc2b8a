package cn.xianfeng.complaint.internal;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import org.flowable.engine.TaskService;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * An overdue response or handling, from a non-interrupting boundary timer:
 * {@code ${complaintEscalations.overdue(execution, 'respond')}}. The step's task gains the reviewers of the
 * responsible org's higher committee as candidates (督办), shows where it went ({@code escalatedTo}, as the
 * workflow module's own escalations do), and the complaint remembers it for the rates.
 */
@Component("complaintEscalations")
public class ComplaintEscalations {

    /** The task-local variable the case view reads to show where an overdue step went. */
    static final String ESCALATED_TO = "escalatedTo";

    private final TaskService tasks;
    private final ComplaintRouting routing;
    private final ComplaintRows rows;
    private final AuditTrail audit;

    ComplaintEscalations(TaskService tasks, ComplaintRouting routing, ComplaintRows rows, AuditTrail audit) {
        this.tasks = tasks;
        this.routing = routing;
        this.rows = rows;
        this.audit = audit;
    }

    public void overdue(DelegateExecution execution, String stepId) {
        String handlerOrg = (String) execution.getVariable("handlerOrg");
        String committee = routing.higherCommitteeOf(handlerOrg);
        String group = routing.higherCommittee("COMMITTEE_REVIEWER", handlerOrg);
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(stepId).list()) {
            tasks.addCandidateGroup(task.getId(), group);
            tasks.setVariableLocal(task.getId(), ESCALATED_TO, committee);
            audit.record(new AuditEntry("system", committee, AuditAction.ESCALATED, execution.getProcessInstanceId(), task.getId(),
                    stepId, Map.of("to", group, "due", String.valueOf(task.getDueDate())), null, null));
        }
        rows.update(execution.getProcessInstanceId(),
                "respond".equals(stepId) ? "respond_escalated = true" : "handle_escalated = true");
    }
}
