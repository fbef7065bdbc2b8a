package cn.xianfeng.workflow;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.Page;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.workflow.WorkflowTypes.TaskFilter;
import cn.xianfeng.workflow.WorkflowTypes.TaskItem;
import cn.xianfeng.workflow.internal.CaseRecords;
import cn.xianfeng.workflow.internal.SignerRows;
import cn.xianfeng.workflow.internal.TaskItems;
import cn.xianfeng.workflow.internal.TodoRows;
import org.flowable.engine.HistoryService;
import org.flowable.task.api.TaskInfo;
import org.flowable.task.api.TaskInfoQuery;
import org.flowable.task.api.history.HistoricTaskInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** 待办 (assigned to me or claimable by me) and 已办 (completed by me), filtered and paged. */
@Service
public class TaskLists {

    private static final int MAX_ORG_FILTER = 500;

    private final HistoryService history;
    private final TaskItems items;
    private final CaseRecords records;
    private final TodoRows todo;
    private final Orgs orgs;
    private final Clock clock;
    private final SignerRows signers;

    TaskLists(HistoryService history, TaskItems items, CaseRecords records, TodoRows todo, Orgs orgs, Clock clock,
              SignerRows signers) {
        this.signers = signers;
        this.history = history;
        this.items = items;
        this.records = records;
        this.todo = todo;
        this.orgs = orgs;
        this.clock = clock;
    }

    /** One read-only transaction: the list's statements share one pooled connection. */
    @Transactional(readOnly = true)
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

    /**
     * 待办 from its read model ({@link TodoRows}): assigned to me, delegated by me (委派中: it stays on my list), named
     * as a candidate user, or claimable through a role I hold, exactly as Flowable's task query answered it before;
     * one statement for the page and its count.
     */
    private Page<TaskItem> todo(TaskFilter filter, String viewer, int first, int size) {
        Instant now = clock.instant();
        String sort = filter.sort() == null ? "" : filter.sort();
        var query = new TodoRows.Query(viewer, like(filter), blankToNull(filter.process()), orgCodes(filter),
                Boolean.TRUE.equals(filter.overdue()) ? now : null, sort);
        return todo.page(query, now, first, size);
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
        String like = like(filter);
        if (like != null) {
            query.or().taskNameLikeIgnoreCase(like).processVariableValueLikeIgnoreCase("subject", like).endOr();
        }
        if (filter.process() != null && !filter.process().isBlank()) {
            query.processDefinitionKey(filter.process());
        }
        List<String> codes = orgCodes(filter);
        if (codes != null) {
            query.or();
            codes.forEach(code -> query.processVariableValueEquals("orgCode", code));
            query.endOr();
        }
    }

    private static String like(TaskFilter filter) {
        if (filter.text() == null || filter.text().isBlank()) {
            return null;
        }
        if (filter.text().length() > 100) {
            throw InvalidInputException.of("text", Refusal.of("workflow.queryMax100"));
        }
        return "%" + filter.text().strip().replace("%", "").replace("_", "") + "%";
    }

    /** The org filter's subtree; null without one. */
    private List<String> orgCodes(TaskFilter filter) {
        if (filter.org() == null || filter.org().isBlank()) {
            return null;
        }
        List<String> codes = orgs.subtree(filter.org()).stream().map(Org::code).toList();
        if (codes.size() > MAX_ORG_FILTER) {
            throw InvalidInputException.of("org", Refusal.of("workflow.orgTooBroad"));
        }
        return codes;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private List<TaskItem> toItems(List<? extends TaskInfo> page, boolean finished) {
        var subjects = records.subjects(page.stream().map(TaskInfo::getProcessInstanceId).toList());
        Set<String> signing = finished ? Set.of() : signers.signing(page.stream().map(TaskInfo::getId).toList());
        return page.stream().map(t -> items.of(t,
                finished && t instanceof HistoricTaskInstance h && h.getEndTime() != null ? h.getEndTime().toInstant() : null,
                subjects.get(t.getProcessInstanceId()), signing.contains(t.getId()))).toList();
    }
}
