package cn.xianfeng.workflow.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.People;
import org.flowable.engine.HistoryService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * A person may act on a task only as its assignee, or — while nobody holds it — through a role in the org
 * named by one of its candidate groups. Decided here, in the engine, whatever the caller.
 */
@Component
public class TaskAccess {

    private final TaskService tasks;
    private final HistoryService history;
    private final People people;

    TaskAccess(TaskService tasks, HistoryService history, People people) {
        this.tasks = tasks;
        this.history = history;
        this.people = people;
    }

    /** The open task; 409 when it was completed already, 404 when it never existed. */
    public Task open(String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).includeIdentityLinks().singleResult();
        if (task != null) {
            return task;
        }
        if (history.createHistoricTaskInstanceQuery().taskId(taskId).finished().count() > 0) {
            throw new ConflictException(Refusal.of("workflow.taskCompleted", taskId));
        }
        throw new NotFoundException(Refusal.of("workflow.taskNotFound", taskId));
    }

    public boolean isCandidate(Task task, String username) {
        Set<String> groups = groupsOf(username);
        return task.getIdentityLinks().stream().anyMatch(l -> "candidate".equals(l.getType())
                && (username.equals(l.getUserId()) || (l.getGroupId() != null && groups.contains(l.getGroupId()))));
    }

    /** Whether the person may open the task's page: its assignee, owner (委派), or a candidate. */
    public boolean mayOpen(String taskId, String username) {
        Task task = tasks.createTaskQuery().taskId(taskId).includeIdentityLinks().singleResult();
        return task != null && (username.equals(task.getAssignee()) || username.equals(task.getOwner())
                || isCandidate(task, username));
    }

    /** May see the task and its form. */
    public void requireVisible(Task task, String username) {
        if (!username.equals(task.getAssignee()) && !isCandidate(task, username)
                && !username.equals(task.getOwner())) {
            throw new ForbiddenException(Refusal.of("workflow.notYourTask"));
        }
    }

    /** May complete or work on it: the assignee, or a candidate while it is unassigned. */
    public void requireActor(Task task, String username) {
        if (username.equals(task.getAssignee())) {
            return;
        }
        if (!isCandidate(task, username)) {
            throw new ForbiddenException(Refusal.of("workflow.notYourTask"));
        }
        if (task.getAssignee() != null) {
            throw new ConflictException(Refusal.of("workflow.claimedBy", task.getAssignee()));
        }
    }

    /** Who owes the task: its assignee, else everyone who may claim it (candidate users and role holders). */
    public java.util.List<String> owners(Task task) {
        if (task.getAssignee() != null) {
            return java.util.List.of(task.getAssignee());
        }
        java.util.Set<String> owners = new java.util.TreeSet<>();
        for (var link : task.getIdentityLinks()) {
            if (!"candidate".equals(link.getType())) {
                continue;
            }
            if (link.getUserId() != null) {
                owners.add(link.getUserId());
            } else if (link.getGroupId() != null && link.getGroupId().contains("@")) {
                String[] g = link.getGroupId().split("@", 2);
                try {
                    people.holders(cn.xianfeng.org.Role.valueOf(g[0]), g[1]).forEach(p -> owners.add(p.username()));
                } catch (IllegalArgumentException unknownRole) {
                    // a group that is not a role held in an org names nobody
                }
            }
        }
        return java.util.List.copyOf(owners);
    }

    public Set<String> groupsOf(String username) {
        return people.groups(username);
    }
}
