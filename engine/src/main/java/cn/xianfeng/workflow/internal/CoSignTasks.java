package cn.xianfeng.workflow.internal;

import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.flowable.task.api.TaskInfo;
import org.flowable.task.service.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * A co-signer's work item: a Flowable sub-task of the step's task, in the case (so it shows in the co-signer's 待办
 * with the case, and who-owes-what counts it) but outside the model: no execution and no task definition key, so
 * completing it moves nothing and no query for a step's tasks finds it. Its category marks it, its description names
 * the step. Flowable deletes it with its parent when the step ends any other way (a return, a terminate end).
 */
@Component
public class CoSignTasks {

    public static final String CATEGORY = "co-sign";
    public static final String FORM = "task-sign";

    private final TaskService tasks;

    CoSignTasks(TaskService tasks) {
        this.tasks = tasks;
    }

    public static boolean isCoSign(TaskInfo task) {
        return CATEGORY.equals(task.getCategory());
    }

    /** The step a co-signer's task belongs to (its own id for a step's task). */
    public static String stepOf(TaskInfo task) {
        return isCoSign(task) ? task.getDescription() : task.getTaskDefinitionKey();
    }

    public String open(Task step, String signer) {
        TaskEntity sign = (TaskEntity) tasks.newTask();
        sign.setName(step.getName() + "（加签）");
        sign.setCategory(CATEGORY);
        sign.setDescription(step.getTaskDefinitionKey());
        sign.setFormKey(FORM);
        sign.setParentTaskId(step.getId());
        sign.setProcessInstanceId(step.getProcessInstanceId());
        sign.setProcessDefinitionId(step.getProcessDefinitionId());
        sign.setDueDate(step.getDueDate());
        sign.setAssignee(signer);
        tasks.saveTask(sign);
        return sign.getId();
    }

    /** 减签, or a co-signer whose opinion is asked again later: the open item goes, its history stays. */
    public void withdraw(String signTaskId, String reason) {
        if (signTaskId != null && tasks.createTaskQuery().taskId(signTaskId).count() > 0) {
            tasks.deleteTask(signTaskId, reason);
        }
    }
}
