package cn.xianfeng.workflow;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.Page;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.workflow.WorkflowTypes.TaskFilter;
import cn.xianfeng.workflow.WorkflowTypes.TaskItem;
import cn.xianfeng.workflow.internal.CaseRecords;
import cn.xianfeng.workflow.internal.OwnTasks;
import cn.xianfeng.workflow.internal.SignerRows;
import cn.xianfeng.workflow.internal.TaskAccess;
import cn.xianfeng.workflow.internal.TaskItems;
import org.flowable.engine.HistoryService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.TaskInfo;
import org.flowable.task.api.TaskInfoQuery;
import org.flowable.task.api.history.HistoricTaskInstance;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** 待办 (assigned to me or claimable by me) and 已办 (completed by me), filtered and paged. */
@Service
public class TaskLists {

    private static final int MAX_ORG_FILTER = 500;

    private final TaskService tasks;
    private final HistoryService history;
    private final TaskAccess access;
    private final TaskItems items;
    private final CaseRecords records;
    private final OwnTasks own;
    private final Orgs orgs;
    private final Clock clock;
    private final SignerRows signers;

    TaskLists(TaskService tasks, HistoryService history, TaskAccess access, TaskItems items, CaseRecords records,
              OwnTasks own, Orgs orgs, Clock clock, SignerRows signers) {
        this.signers = signers;
        this.tasks = tasks;
        this.history = history;
        this.access = access;
        this.items = items;
        this.records = records;
        this.own = own;
        this.orgs = orgs;
        this.clock = clock;
    }

    public Page<TaskItem> list(TaskFilter filter, String viewer, int page, int size) {
        String scope = filter.scope() == null ? "todo" : filter.scope();
        int pageSize = Page.clampSize(size);
        int first = Math.max(0, page) * pageSize;
        return switch (scope) {
            case "todo" -> todo(filter, viewer, first, pageSize);
            case "done" -> done(filter, viewer, first, pageSize);
            case "cc" -> copies(viewer, first, pageSize);
            default -> throw InvalidInputException.of("scope", Refusal.of("workflow.scope"));
        };
    }

    private Page<TaskItem> todo(TaskFilter filter, String viewer, int first, int size) {
        var query = tasks.createTaskQuery();
        // assigned to me, delegated by me (委派中: it stays on my list), named as a candidate user, or claimable
        // through a role: there is no Flowable IDM, so the viewer's groups come from the org module
        Set<String> groups = access.groupsOf(viewer);
        query.or().taskAssignee(viewer).taskOwner(viewer).taskCandidateUser(viewer);
        if (!groups.isEmpty()) {
            query.taskCandidateGroupIn(groups);
        }
        query.endOr();
        var ids = own.of(viewer, groups);
        if (ids.isPresent() && ids.get().isEmpty()) {
            return new Page<>(List.of(), 0);
        }
        ids.ifPresent(query::taskIds);
        narrow(query, filter);
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
        List<? extends TaskInfo> page = query.includeIdentityLinks().listPage(first, size);
        return new Page<>(toItems(page, false), total);
    }

    /** 抄送: cases copied to the viewer, each as an item without a task of its own. */
    private Page<TaskItem> copies(String viewer, int first, int size) {
        return new Page<>(records.copiesOf(viewer, first, size).stream()
                .map(c -> new TaskItem(null, c.caseId(), c.process(), null, c.note() == null ? c.subject() : c.note(),
                        c.copiedBy(), List.of(), c.copiedAt(), null, false, c.subject(), null))
                .toList(), records.copyCount(viewer));
    }

    private Page<TaskItem> done(TaskFilter filter, String viewer, int first, int size) {
        var query = history.createHistoricTaskInstanceQuery().taskAssignee(viewer).finished();
        narrow(query, filter);
        long total = query.count();
        List<HistoricTaskInstance> page = query.includeIdentityLinks().orderByHistoricTaskInstanceEndTime().desc()
                .listPage(first, size);
        return new Page<>(toItems(page, true), total);
    }

    private void narrow(TaskInfoQuery<?, ?> query, TaskFilter filter) {
        if (filter.text() != null && !filter.text().isBlank()) {
            if (filter.text().length() > 100) {
                throw InvalidInputException.of("text", Refusal.of("workflow.queryMax100"));
            }
            String like = "%" + filter.text().strip().replace("%", "").replace("_", "") + "%";
            query.or().taskNameLikeIgnoreCase(like).processVariableValueLikeIgnoreCase("subject", like).endOr();
        }
        if (filter.process() != null && !filter.process().isBlank()) {
            query.processDefinitionKey(filter.process());
        }
        if (filter.org() != null && !filter.org().isBlank()) {
            List<String> codes = orgs.subtree(filter.org()).stream().map(Org::code).toList();
            if (codes.size() > MAX_ORG_FILTER) {
                throw InvalidInputException.of("org", Refusal.of("workflow.orgTooBroad"));
            }
            query.or();
            codes.forEach(code -> query.processVariableValueEquals("orgCode", code));
            query.endOr();
        }
    }

    private List<TaskItem> toItems(List<? extends TaskInfo> page, boolean finished) {
        var subjects = records.subjects(page.stream().map(TaskInfo::getProcessInstanceId).toList());
        Set<String> signing = finished ? Set.of() : signers.signing(page.stream().map(TaskInfo::getId).toList());
        return page.stream().map(t -> items.of(t,
                finished && t instanceof HistoricTaskInstance h && h.getEndTime() != null ? h.getEndTime().toInstant() : null,
                subjects.get(t.getProcessInstanceId()), signing.contains(t.getId()))).toList();
    }
}
