package cn.xianfeng.workflow.internal;

import cn.xianfeng.common.Refusal;
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
            return new ForbiddenException(Refusal.of("workflow.notYourTask"));
        }
        if (c.coSign()) {
            return switch (action) {
                case COMMENT -> null;
                case COMPLETE -> viewer.equals(t.getAssignee()) ? null : new ForbiddenException(Refusal.of("workflow.notYourTask"));
                default -> new ConflictException(Refusal.of("workflow.coSignOnly"));
            };
        }
        boolean delegated = t.getDelegationState() == DelegationState.PENDING;
        switch (action) {
            case COMMENT:
                return null;
            case RESOLVE:
                return delegated && viewer.equals(t.getAssignee()) ? null : new ConflictException(Refusal.of("workflow.notDelegatedToYou"));
            case CLAIM:
                if (t.getAssignee() != null) {
                    return new ConflictException(viewer.equals(t.getAssignee()) ? Refusal.of("workflow.claimedByYou") : Refusal.of("workflow.claimedBy", name(t.getAssignee())));
                }
                return access.isCandidate(t, viewer) ? null : new ForbiddenException(Refusal.of("workflow.notYourTask"));
            default:
                break;
        }
        RuntimeException notHolder = holder(t, viewer, delegated);
        if (notHolder != null) {
            return notHolder;
        }
        boolean waiting = c.signersPending() || c.held().isPresent();
        return switch (action) {
            case UNCLAIM -> !viewer.equals(t.getAssignee()) ? new ConflictException(Refusal.of("workflow.unclaimClaimerOnly"))
                    : !access.isCandidate(t, viewer) ? new ConflictException(Refusal.of("workflow.assignedNoUnclaim"))
                    : !c.signers().isEmpty() || c.held().isPresent() ? new ConflictException(Refusal.of("workflow.coSignedNoUnclaim")) : null;
            case COMPLETE -> c.held().isPresent() ? new ConflictException(Refusal.of("workflow.heldForCoSigners"))
                    : before(c).isEmpty() ? null : new ConflictException(Refusal.of("workflow.waitForSigners", before(c)));
            case TRANSFER, DELEGATE -> !holders.heldThroughRole(t) ? new ConflictException(Refusal.of("workflow.personalStep"))
                    : waiting ? new ConflictException(Refusal.of("workflow.coSignersPending")) : null;
            case ADD_SIGNERS -> !holders.heldThroughRole(t) ? new ConflictException(Refusal.of("workflow.personalStep"))
                    : c.held().isPresent() ? new ConflictException(Refusal.of("workflow.heldNoMoreSigners")) : null;
            case RETURN -> waiting ? new ConflictException(Refusal.of("workflow.coSignersPending")) : null;
            case REMOVE_SIGNER -> c.signersPending() ? null : new ConflictException(Refusal.of("workflow.noPendingCoSigner"));
            default -> null;
        };
    }

    /** The step's holder: its assignee, or a candidate while nobody holds it; never while it is delegated. */
    private RuntimeException holder(Task t, String viewer, boolean delegated) {
        if (delegated) {
            return viewer.equals(t.getAssignee())
                    ? new ConflictException(Refusal.of("workflow.delegatedToYou", name(t.getOwner())))
                    : new ConflictException(Refusal.of("workflow.delegatedTo", name(t.getAssignee())));
        }
        if (viewer.equals(t.getAssignee())) {
            return null;
        }
        if (!access.isCandidate(t, viewer)) {
            return new ForbiddenException(Refusal.of("workflow.notYourTask"));
        }
        return t.getAssignee() == null ? null : new ConflictException(Refusal.of("workflow.claimedBy", name(t.getAssignee())));
    }

    private String before(Context c) {
        return c.signers().stream().filter(s -> s.position() == SignPosition.BEFORE && s.state() == SignerState.OPEN)
                .map(s -> name(s.username())).collect(Collectors.joining("、"));
    }

    private String name(String username) {
        return username == null ? "" : people.find(username).map(Person::name).orElse(username);
    }
}
