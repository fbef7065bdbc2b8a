package cn.xianfeng.workflow;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.Page;
import cn.xianfeng.workflow.TaskEvents.CaseCancelled;
import cn.xianfeng.workflow.WorkflowTypes.CaseAction;
import cn.xianfeng.workflow.WorkflowTypes.CaseOffer;
import cn.xianfeng.workflow.WorkflowTypes.CurrentStep;
import cn.xianfeng.workflow.WorkflowTypes.MyCase;
import cn.xianfeng.workflow.internal.CaseAccess;
import cn.xianfeng.workflow.internal.CaseLock;
import cn.xianfeng.workflow.internal.CaseOutcome;
import cn.xianfeng.workflow.internal.CaseParticipants;
import cn.xianfeng.workflow.internal.CaseRecords;
import cn.xianfeng.workflow.internal.CaseRecords.CaseRecord;
import cn.xianfeng.workflow.internal.CoSignTasks;
import cn.xianfeng.workflow.internal.ProcessCatalog;
import cn.xianfeng.workflow.internal.RuleBook;
import cn.xianfeng.workflow.internal.StepCompletion;
import cn.xianfeng.workflow.internal.TaskAccess;
import cn.xianfeng.workflow.internal.TaskItems;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A case as a whole: 我发起的 (the cases I started, with where each stands), 撤销 by the starter while nobody else
 * has acted, comments outside any step, and what the case's page may offer its viewer — decided by the same
 * checks that authorize each action.
 */
@Service
public class CaseActions {

    private final CaseRecords records;
    private final CaseAccess access;
    private final CaseParticipants participants;
    private final TaskItems taskItems;
    private final TaskAccess taskAccess;
    private final TaskOperations operations;
    private final FollowUps followUps;
    private final ProcessCatalog catalog;
    private final RuleBook ruleBook;
    private final CaseOutcome outcome;
    private final CaseLock caseLock;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    CaseActions(CaseRecords records, CaseAccess access, CaseParticipants participants, TaskItems taskItems,
                TaskAccess taskAccess, TaskOperations operations, FollowUps followUps, ProcessCatalog catalog, RuleBook ruleBook,
                CaseOutcome outcome, CaseLock caseLock, RuntimeService runtime, TaskService tasks, AuditTrail audit,
                ApplicationEventPublisher events) {
        this.records = records;
        this.access = access;
        this.participants = participants;
        this.taskItems = taskItems;
        this.taskAccess = taskAccess;
        this.operations = operations;
        this.followUps = followUps;
        this.catalog = catalog;
        this.ruleBook = ruleBook;
        this.outcome = outcome;
        this.caseLock = caseLock;
        this.runtime = runtime;
        this.tasks = tasks;
        this.audit = audit;
        this.events = events;
    }

    /**
     * 我发起的: newest first, each with its status, its current steps and their owners, and whether it may be cancelled.
     * One read-only transaction: its statements share one pooled connection instead of taking one each.
     */
    @Transactional(readOnly = true)
    public Page<MyCase> mine(String viewer, int page, int size) {
        int pageSize = Page.clampSize(size);
        long first = (long) Math.max(0, page) * pageSize; // a huge page number is an empty page, not an overflow
        List<MyCase> items = records.startedBy(viewer, first, pageSize).stream()
                .map(r -> new MyCase(r.id(), r.processKey(), catalog.name(r.processKey()), r.subject(), r.status(),
                        r.startedAt(), r.endedAt(), r.status() == CaseStatus.ACTIVE ? taskItems.currentSteps(r.id()) : List.of(),
                        participants.untouchedByOthers(r)))
                .toList();
        return new Page<>(items, records.countStartedBy(viewer));
    }

    /**
     * 撤销: the starter withdraws the whole case while nobody else has acted on it (no claim, decision, comment or
     * reminder by anyone else). The case ends CANCELLED with the reason; those who owed its steps are told.
     */
    @Transactional
    public void cancel(String caseId, String reason, String actor) {
        CaseRecord record = access.requireRole(caseId, actor);
        caseLock.hold(caseId);
        record = records.find(caseId).orElseThrow();
        if (!actor.equals(record.starter())) {
            throw new ForbiddenException(Refusal.of("workflow.cancelInitiatorOnly"));
        }
        if (record.status() != CaseStatus.ACTIVE) {
            throw new ConflictException(Refusal.of("workflow.endedNoCancel"));
        }
        if (!participants.untouchedByOthers(record)) {
            throw new ConflictException(Refusal.of("workflow.cancelOthersActed"));
        }
        String why = TaskOperations.required(reason, "reason");
        Set<String> recipients = new TreeSet<>();
        for (Task t : tasks.createTaskQuery().processInstanceId(caseId).includeIdentityLinks().list()) {
            if (CoSignTasks.isCoSign(t)) {
                tasks.deleteTask(t.getId(), "撤销"); // Flowable cannot delete a case around a task without execution
            } else {
                recipients.addAll(taskAccess.owners(t));
            }
        }
        recipients.remove(actor);
        Map<String, Object> variables = runtime.getVariables(caseId);
        runtime.deleteProcessInstance(caseId, "cancelled by " + actor + ": " + why);
        outcome.recordIfEnded(caseId);
        ruleBook.of(record.processKey()).cancelled(caseId, variables, actor);
        audit.record(new AuditEntry(actor, record.orgCode(), AuditAction.CASE_CANCELLED, caseId, null, null, Map.of(), why, null));
        events.publishEvent(new CaseCancelled(caseId, record.subject(), actor, List.copyOf(recipients), why));
    }

    /** A comment on the case outside any step, by whoever takes part in it (not by a reader only), while it is open. */
    @Transactional
    public void comment(String caseId, String text, String actor) {
        CaseRecord record = access.visibleOrNotFound(caseId, actor);
        if (!participants.takesPart(record, actor)) {
            throw new ForbiddenException(Refusal.of("workflow.readerNoComment"));
        }
        if (record.status() != CaseStatus.ACTIVE) {
            throw new ConflictException(Refusal.of("workflow.endedNoComment"));
        }
        String clean = StepCompletion.comment(text);
        if (clean == null) {
            throw InvalidInputException.of("text", Refusal.of("workflow.emptyComment"));
        }
        audit.record(new AuditEntry(actor, record.orgCode(), AuditAction.COMMENTED, caseId, null, null, Map.of(), clean, null));
    }

    /** What the case's page offers the viewer: exactly what the engine would accept from them now. */
    public CaseOffer offered(String caseId, String viewer) {
        CaseRecord record = access.visibleOrNotFound(caseId, viewer);
        Set<CaseAction> actions = EnumSet.noneOf(CaseAction.class);
        boolean active = record.status() == CaseStatus.ACTIVE;
        if (active && operations.mayWithdraw(caseId, viewer)) {
            actions.add(CaseAction.WITHDRAW);
        }
        if (active && viewer.equals(record.starter()) && participants.untouchedByOthers(record)) {
            actions.add(CaseAction.CANCEL);
        }
        if (active && participants.takesPart(record, viewer)) {
            actions.add(CaseAction.COMMENT);
        }
        if (followUps.mayCopy(caseId, viewer)) {
            actions.add(CaseAction.COPY);
        }
        Set<String> open = new HashSet<>();
        Set<String> remind = new HashSet<>();
        List<CurrentStep> current = active ? taskItems.currentSteps(caseId) : new ArrayList<>();
        for (CurrentStep s : current) {
            Task t = tasks.createTaskQuery().taskId(s.taskId()).includeIdentityLinks().singleResult();
            if (t == null) {
                continue;
            }
            try {
                taskAccess.requireVisible(t, viewer);
                open.add(s.taskId());
            } catch (ForbiddenException notTheirs) {
                // shown without a link: they may see the case, not work on this step
            }
            if (followUps.mayRemind(s.taskId(), viewer) && !taskAccess.owners(t).contains(viewer)) {
                remind.add(s.taskId());
            }
        }
        return new CaseOffer(actions, open, remind);
    }
}
