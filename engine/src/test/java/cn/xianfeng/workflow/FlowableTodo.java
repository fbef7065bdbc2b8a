package cn.xianfeng.workflow;

import cn.xianfeng.common.Page;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.workflow.WorkflowTypes.TaskFilter;
import cn.xianfeng.workflow.WorkflowTypes.TaskItem;
import cn.xianfeng.workflow.internal.CaseRecords;
import cn.xianfeng.workflow.internal.SignerRows;
import cn.xianfeng.workflow.internal.TaskItems;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The reference for the 待办 read model: the Flowable task query {@link TaskLists} ran before V93, kept here as it
 * was (assignee, owner (委派), or candidate user or candidate group while unassigned; the viewer's groups from the org
 * module; filters over process variables), its tasks turned into items the way the list did.
 */
final class FlowableTodo {

    private final TaskService tasks;
    private final People people;
    private final Orgs orgs;
    private final TaskItems items;
    private final CaseRecords records;
    private final SignerRows signers;
    private final Clock clock;

    FlowableTodo(TaskService tasks, People people, Orgs orgs, TaskItems items, CaseRecords records, SignerRows signers,
                 Clock clock) {
        this.tasks = tasks;
        this.people = people;
        this.orgs = orgs;
        this.items = items;
        this.records = records;
        this.signers = signers;
        this.clock = clock;
    }

    /** Every matching task in Flowable's order for the filter's sort (ties in whatever order it returns them). */
    Page<TaskItem> of(TaskFilter filter, String viewer) {
        var query = tasks.createTaskQuery();
        Set<String> groups = people.find(viewer).map(Person::groups).orElse(Set.of());
        query.or().taskAssignee(viewer).taskOwner(viewer).taskCandidateUser(viewer);
        if (!groups.isEmpty()) {
            query.taskCandidateGroupIn(groups);
        }
        query.endOr();
        if (filter.text() != null && !filter.text().isBlank()) {
            String like = "%" + filter.text().strip().replace("%", "").replace("_", "") + "%";
            query.or().taskNameLikeIgnoreCase(like).processVariableValueLikeIgnoreCase("subject", like).endOr();
        }
        if (filter.process() != null) {
            query.processDefinitionKey(filter.process());
        }
        if (filter.org() != null) {
            query.or();
            orgs.subtree(filter.org()).stream().map(Org::code).forEach(code -> query.processVariableValueEquals("orgCode", code));
            query.endOr();
        }
        if (Boolean.TRUE.equals(filter.overdue())) {
            query.taskDueBefore(Date.from(clock.instant()));
        }
        long total = query.count();
        switch (filter.sort() == null ? "" : filter.sort()) {
            case "due" -> query.orderByTaskDueDate().asc().orderByTaskCreateTime().asc();
            case "oldest" -> query.orderByTaskCreateTime().asc();
            case "name" -> query.orderByTaskName().asc();
            default -> query.orderByTaskCreateTime().desc();
        }
        List<Task> found = query.includeIdentityLinks().list();
        var subjects = records.subjects(found.stream().map(Task::getProcessInstanceId).toList());
        Set<String> signing = signers.signing(found.stream().map(Task::getId).toList());
        return new Page<>(found.stream().map(t -> items.of(t, null, subjects.get(t.getProcessInstanceId()),
                signing.contains(t.getId()))).toList(), total);
    }
}
