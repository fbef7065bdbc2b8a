package cn.xianfeng.workflow.internal;

import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.workflow.WorkflowTypes.HeldSubmission;
import cn.xianfeng.workflow.WorkflowTypes.SignPosition;
import cn.xianfeng.workflow.WorkflowTypes.Signer;
import cn.xianfeng.workflow.WorkflowTypes.SignerState;
import cn.xianfeng.workflow.WorkflowTypes.TaskAction;
import org.flowable.task.api.DelegationState;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who may do what with a task, in one place: each operation asks {@link #require}, and a page offers exactly the
 * actions {@link #allowed} returns, so a page never offers what the API would refuse. The step's holder — its
 * assignee, or a candidate while nobody holds it — decides it; while it is delegated (委派) the delegate may only
 * hand it back with an opinion and the owner waits; a co-signer (加签) may only sign; co-signers who have not
 * signed block what would take the step away from them (转办, 委派, 退回, 取消签收).
 */
@Component
public class TaskPermissions {

    private final TaskAccess access;
    private final StepHolders holders;
    private final SignerRows signers;
    private final People people;

    TaskPermissions(TaskAccess access, StepHolders holders, SignerRows signers, People people) {
        this.access = access;
        this.holders = holders;
        this.signers = signers;
        this.people = people;
    }

    /** A task with what its permissions depend on: its co-signers and any submission waiting for them. */
    public record Context(Task task, List<Signer> signers, Optional<HeldSubmission> held) {

        public boolean coSign() {
            return CoSignTasks.isCoSign(task);
        }

        boolean signersPending() {
            return signers.stream().anyMatch(Signer::pending);
        }
    }

    public Context of(Task task) {
        if (CoSignTasks.isCoSign(task)) {
            return new Context(task, List.of(), Optional.empty());
        }
        List<Signer> of = signers.of(task.getId());
        // a submission is held only for co-signers: most tasks have none, and cost one query here
        return new Context(task, of, of.isEmpty() ? Optional.empty() : signers.held(task.getId()));
    }

    public void require(TaskAction action, Context c, String viewer) {
        RuntimeException refusal = refusal(action, c, viewer);
        if (refusal != null) {
            throw refusal;
        }
    }

    public List<TaskAction> allowed(Context c, String viewer) {
        return Arrays.stream(TaskAction.values()).filter(a -> refusal(a, c, viewer) == null).toList();
    }

    /** Why the viewer may not do it (403 or 409 with a reason a clerk understands), or null when they may. */
    public RuntimeException refusal(TaskAction action, Context c, String viewer) {
        Task t = c.task();
        boolean visible = viewer.equals(t.getAssignee()) || viewer.equals(t.getOwner())
                || (!c.coSign() && access.isCandidate(t, viewer));
        if (!visible) {
            return new ForbiddenException("您不是该任务的办理人");
        }
        if (c.coSign()) {
            return switch (action) {
                case COMMENT -> null;
                case COMPLETE -> viewer.equals(t.getAssignee()) ? null : new ForbiddenException("您不是该任务的办理人");
                default -> new ConflictException("加签任务只能签署意见或发表评论");
            };
        }
        boolean delegated = t.getDelegationState() == DelegationState.PENDING;
        switch (action) {
            case COMMENT:
                return null;
            case RESOLVE:
                return delegated && viewer.equals(t.getAssignee()) ? null : new ConflictException("该任务不是委派给您的");
            case CLAIM:
                if (t.getAssignee() != null) {
                    return new ConflictException(viewer.equals(t.getAssignee()) ? "您已签收该任务" : "任务已由 " + name(t.getAssignee()) + " 签收");
                }
                return access.isCandidate(t, viewer) ? null : new ForbiddenException("您不是该任务的办理人");
            default:
                break;
        }
        RuntimeException notHolder = holder(t, viewer, delegated);
        if (notHolder != null) {
            return notHolder;
        }
        boolean waiting = c.signersPending() || c.held().isPresent();
        return switch (action) {
            case UNCLAIM -> !viewer.equals(t.getAssignee()) ? new ConflictException("只有签收人可以取消签收")
                    : !access.isCandidate(t, viewer) ? new ConflictException("该任务直接指派给您，不能取消签收")
                    : !c.signers().isEmpty() || c.held().isPresent() ? new ConflictException("本环节已加签，不能取消签收") : null;
            case COMPLETE -> c.held().isPresent() ? new ConflictException("您已提交，等待加签人签署后生效")
                    : before(c).isEmpty() ? null : new ConflictException("须待加签人 " + before(c) + " 签署后再提交");
            case TRANSFER, DELEGATE -> !holders.heldThroughRole(t) ? new ConflictException("本环节须由本人办理，不能转办、委派或加签")
                    : waiting ? new ConflictException("本环节有加签人尚未签署，请先减签") : null;
            case ADD_SIGNERS -> !holders.heldThroughRole(t) ? new ConflictException("本环节须由本人办理，不能转办、委派或加签")
                    : c.held().isPresent() ? new ConflictException("您已提交，等待加签人签署，不能再加签") : null;
            case RETURN -> waiting ? new ConflictException("本环节有加签人尚未签署，请先减签") : null;
            case REMOVE_SIGNER -> c.signersPending() ? null : new ConflictException("本环节没有尚未签署的加签人");
            default -> null;
        };
    }

    /** The step's holder: its assignee, or a candidate while nobody holds it; never while it is delegated. */
    private RuntimeException holder(Task t, String viewer, boolean delegated) {
        if (delegated) {
            return viewer.equals(t.getAssignee())
                    ? new ConflictException("这是 " + name(t.getOwner()) + " 委派给您的任务：请填写意见后「办完交回」，由其提交")
                    : new ConflictException("已委派给 " + name(t.getAssignee()) + "，待其办完交回后再办理");
        }
        if (viewer.equals(t.getAssignee())) {
            return null;
        }
        if (!access.isCandidate(t, viewer)) {
            return new ForbiddenException("您不是该任务的办理人");
        }
        return t.getAssignee() == null ? null : new ConflictException("任务已由 " + name(t.getAssignee()) + " 签收");
    }

    private String before(Context c) {
        return c.signers().stream().filter(s -> s.position() == SignPosition.BEFORE && s.state() == SignerState.OPEN)
                .map(s -> name(s.username())).collect(Collectors.joining("、"));
    }

    private String name(String username) {
        return username == null ? "" : people.find(username).map(Person::name).orElse(username);
    }
}
