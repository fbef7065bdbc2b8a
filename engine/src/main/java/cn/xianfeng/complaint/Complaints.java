package cn.xianfeng.complaint;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.complaint.ComplaintTypes.ComplaintView;
import cn.xianfeng.complaint.ComplaintTypes.Contact;
import cn.xianfeng.complaint.ComplaintTypes.Intake;
import cn.xianfeng.complaint.ComplaintTypes.PublicStatus;
import cn.xianfeng.complaint.ComplaintTypes.PublicStep;
import cn.xianfeng.complaint.internal.ComplaintRows;
import cn.xianfeng.complaint.internal.ComplaintRows.Row;
import cn.xianfeng.complaint.internal.ContactRules;
import cn.xianfeng.complaint.internal.IntakeLimiter;
import cn.xianfeng.complaint.internal.Masking;
import cn.xianfeng.complaint.internal.TrackingCodes;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Complaints as the public and staff meet them: intake with a tracking code, the complainant's view and
 * evaluation through that code, and the staff's view, where only dispatchers see the contact in full.
 */
@Service
public class Complaints {

    /** The actor of public intake and evaluation: not a valid username, so no person can ever act as it. */
    public static final String PUBLIC_ACTOR = "~public";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cases cases;
    private final Tasks tasks;
    private final ComplaintRows rows;
    private final IntakeLimiter limiter;
    private final TaskService taskService;
    private final RuntimeService runtime;
    private final Orgs orgs;
    private final OrgAuthority authority;
    private final org.springframework.transaction.support.TransactionTemplate transaction;
    private final java.time.Clock clock;
    /** How long a real intake takes lately (an average, in nanoseconds): a caught bot waits about as long. */
    private final java.util.concurrent.atomic.AtomicLong intakeNanos = new java.util.concurrent.atomic.AtomicLong(150_000_000L);

    Complaints(Cases cases, Tasks tasks, ComplaintRows rows, IntakeLimiter limiter, TaskService taskService,
               RuntimeService runtime, Orgs orgs, OrgAuthority authority,
               org.springframework.transaction.PlatformTransactionManager transactions, java.time.Clock clock) {
        this.transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.clock = clock;
        this.cases = cases;
        this.tasks = tasks;
        this.rows = rows;
        this.limiter = limiter;
        this.taskService = taskService;
        this.runtime = runtime;
        this.orgs = orgs;
        this.authority = authority;
    }

    /**
     * Files a complaint from the public; returns its tracking code, the complainant's credential, this once (only its
     * hash is kept). A filled honeypot field is accepted silently: the bot gets a code of the same form, after about
     * as long as a real intake takes, that follows like a complaint waiting for dispatch; the complaint itself is
     * not stored, so a bot learns nothing.
     */
    public String intake(Intake intake, String address, Locale locale) {
        long started = System.nanoTime();
        boolean bot = intake.website() != null && !intake.website().isBlank();
        String code = transaction.execute(tx -> bot ? decoy(intake, address) : file(intake, address, locale));
        long took = System.nanoTime() - started;
        if (bot) {
            pad(took);
        } else {
            intakeNanos.updateAndGet(avg -> avg + (Math.min(took, 2_000_000_000L) - avg) / 3);
        }
        return code;
    }

    private String decoy(Intake intake, String address) {
        limiter.admit(address);
        return rows.issueDecoy(intake.category(), intake.title(), clock.instant());
    }

    /** Waits out the rest of a typical intake (±20 %), outside any transaction. */
    private void pad(long took) {
        long target = (long) (intakeNanos.get() * (0.8 + 0.4 * RANDOM.nextDouble()));
        long rest = Math.min(target - took, 2_000_000_000L);
        if (rest > 0) {
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(rest);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String file(Intake intake, String address, Locale locale) {
        limiter.admit(address);
        ContactRules.check(intake.contactName(), intake.contactPhone());
        Map<String, Object> data = new HashMap<>();
        data.put("category", intake.category());
        data.put("title", intake.title());
        data.put("content", intake.content());
        if (intake.location() != null && !intake.location().isBlank()) {
            data.put("location", intake.location());
        }
        data.put("anonymous", Boolean.TRUE.equals(intake.anonymous()));
        String caseId;
        try {
            caseId = cases.startAsSystem(new StartCase("complaint", null, data), PUBLIC_ACTOR, locale).id();
        } catch (InvalidInputException e) {
            // the public API names its own fields, not the start form's data.*
            throw new InvalidInputException(e.violations().stream()
                    .map(v -> new InvalidInputException.Violation(v.field().replaceFirst("^data\\.", ""), v.message()))
                    .toList());
        }
        boolean anonymous = Boolean.TRUE.equals(intake.anonymous());
        String name = ContactRules.clean(intake.contactName());
        String phone = ContactRules.clean(intake.contactPhone());
        rows.insertContact(caseId, anonymous, name, phone);
        runtime.setVariable(caseId, "contactMasked", Masking.summary(anonymous, name, phone));
        return rows.issueTrackingCode(caseId);
    }

    /** What the holder of a tracking code may see; 404 for an unknown code. */
    public PublicStatus track(String trackingCode) {
        String code = TrackingCodes.normalise(trackingCode);
        var decoy = rows.byTrackingCode(code).isPresent() ? Optional.<ComplaintRows.Decoy>empty() : rows.decoy(code);
        if (decoy.isPresent()) {
            var d = decoy.get();
            return new PublicStatus(code, d.category(), d.title(), "RECEIVED", "已受理，待交办", d.receivedAt(),
                    List.of(new PublicStep(d.receivedAt(), "已受理", null)), null, null, false);
        }
        Row r = byCode(code);
        List<String> open = taskService.createTaskQuery().processInstanceId(r.caseId()).list().stream()
                .map(Task::getTaskDefinitionKey).toList();
        List<PublicStep> steps = new ArrayList<>();
        add(steps, r.receivedAt(), "已受理", null);
        add(steps, r.dispatchedAt(), "已交办", orgName(r.handlerOrg()));
        add(steps, r.respondedAt(), "已响应", orgName(r.handlerOrg()));
        add(steps, r.handledAt(), "已办理", orgName(r.handlerOrg()));
        add(steps, r.repliedAt(), "已答复", null);
        add(steps, r.evaluatedAt(), "已评价", null);
        if (r.escalated()) {
            steps.add(new PublicStep(r.evaluatedAt(), "已提请上级党委督办", null));
        }
        add(steps, r.closedAt(), "已办结", null);
        String status = open.contains("evaluate") ? "AWAITING_EVALUATION" : open.contains("review") ? "ESCALATED"
                : open.contains("dispatch") ? "RECEIVED" : open.contains("respond") ? "DISPATCHED"
                : open.isEmpty() ? "CLOSED" : "HANDLING";
        String statusName = switch (status) {
            case "AWAITING_EVALUATION" -> "待您评价";
            case "ESCALATED" -> "上级党委督办中";
            case "RECEIVED" -> "已受理，待交办";
            case "DISPATCHED" -> "已交办，待响应";
            case "CLOSED" -> "已办结";
            default -> "办理中";
        };
        return new PublicStatus(code, r.category(), r.title(), status, statusName, r.receivedAt(), steps,
                r.reply(), r.rating(), open.contains("evaluate"));
    }

    /** The complainant's evaluation through the tracking code; 409 when the case is not waiting for one. */
    @Transactional
    public void evaluate(String trackingCode, String rating, String comment, Locale locale) {
        if (rows.byTrackingCode(TrackingCodes.normalise(trackingCode)).isEmpty()
                && rows.decoy(TrackingCodes.normalise(trackingCode)).isPresent()) {
            throw new ConflictException(Refusal.of("complaint.notAwaitingRating")); // as for a real complaint waiting for dispatch
        }
        Row r = byCode(trackingCode);
        Task task = taskService.createTaskQuery().processInstanceId(r.caseId()).taskDefinitionKey("evaluate")
                .singleResult();
        if (task == null) {
            throw new ConflictException(Refusal.of("complaint.notAwaitingRating"));
        }
        Map<String, Object> data = new HashMap<>();
        data.put("rating", rating);
        if (comment != null && !comment.isBlank()) {
            data.put("comment", comment);
        }
        try {
            tasks.complete(task.getId(), data, null, PUBLIC_ACTOR, locale);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.violations().stream()
                    .map(v -> new InvalidInputException.Violation(v.field().replaceFirst("^data\\.", ""), v.message()))
                    .toList());
        }
    }

    /** A complaint for staff who may see its case; the contact in full only for dispatchers of the intake. */
    public ComplaintView view(String caseId, String viewer) {
        cases.view(caseId, viewer);
        Row r = rows.find(caseId).orElseThrow(() -> new NotFoundException(Refusal.of("complaint.notAComplaint", caseId)));
        boolean dispatcher = authority.holdsAbove(viewer, r.dispatchOrg(), Role.DISPATCHER);
        Contact contact = rows.contact(caseId).map(c -> dispatcher
                ? new Contact(c.anonymous(), c.name(), c.phone(), false)
                : c.anonymous() ? new Contact(true, null, null, true)
                : new Contact(false, Masking.name(c.name()), Masking.phone(c.phone()), true))
                .orElse(new Contact(false, null, null, !dispatcher));
        return new ComplaintView(r.caseId(), r.trackingHint(), r.category(), r.title(),
                r.dispatchOrg(), r.handlerOrg(), r.coOrgs(), r.routeOrgType(), r.timeLimitDays(), r.overridden(),
                r.receivedAt(), r.respondDue(), r.respondedAt(), r.handlingDue(), r.handledAt(), r.resolved(), r.reply(),
                r.rating(), r.dissatisfiedCount(), r.escalated(), r.closedAt(), contact);
    }

    private Row byCode(String trackingCode) {
        String code = TrackingCodes.normalise(trackingCode);
        return rows.byTrackingCode(code).orElseThrow(() -> new NotFoundException(Refusal.of("complaint.unknownCode")));
    }

    private String orgName(String code) {
        return code == null ? null : orgs.find(code).map(o -> o.name()).orElse(code);
    }

    private static void add(List<PublicStep> steps, Instant at, String name, String org) {
        if (at != null) {
            steps.add(new PublicStep(at, name, org));
        }
    }
}
