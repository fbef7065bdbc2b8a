package cn.xianfeng.complaint;

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

/**
 * Complaints as the public and staff meet them: intake with a tracking code, the complainant's view and
 * evaluation through that code, and the staff's view, where only dispatchers see the contact in full.
 */
@Service
public class Complaints {

    /** The actor of public intake and evaluation: not a valid username, so no person can ever act as it. */
    public static final String PUBLIC_ACTOR = "~public";

    private final Cases cases;
    private final Tasks tasks;
    private final ComplaintRows rows;
    private final IntakeLimiter limiter;
    private final TaskService taskService;
    private final RuntimeService runtime;
    private final Orgs orgs;
    private final OrgAuthority authority;

    Complaints(Cases cases, Tasks tasks, ComplaintRows rows, IntakeLimiter limiter, TaskService taskService,
               RuntimeService runtime, Orgs orgs, OrgAuthority authority) {
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
     * Files a complaint from the public; returns its tracking code. A filled honeypot field is accepted silently
     * (a code is returned, counted against the address) but nothing is stored, so a bot learns nothing.
     */
    @Transactional
    public String intake(Intake intake, String address, Locale locale) {
        limiter.admit(address);
        if (intake.website() != null && !intake.website().isBlank()) {
            return "TS" + Long.toString(Math.abs(new SecureRandom().nextLong()), 32).toUpperCase();
        }
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
        return rows.find(caseId).orElseThrow().trackingCode();
    }

    /** What the holder of a tracking code may see; 404 for an unknown code. */
    public PublicStatus track(String trackingCode) {
        Row r = byCode(trackingCode);
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
        return new PublicStatus(r.trackingCode(), r.category(), r.title(), status, statusName, r.receivedAt(), steps,
                r.reply(), r.rating(), open.contains("evaluate"));
    }

    /** The complainant's evaluation through the tracking code; 409 when the case is not waiting for one. */
    @Transactional
    public void evaluate(String trackingCode, String rating, String comment, Locale locale) {
        Row r = byCode(trackingCode);
        Task task = taskService.createTaskQuery().processInstanceId(r.caseId()).taskDefinitionKey("evaluate")
                .singleResult();
        if (task == null) {
            throw new ConflictException("该诉求当前不在待评价状态");
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
        Row r = rows.find(caseId).orElseThrow(() -> new NotFoundException("不是接诉即办案件：" + caseId));
        boolean dispatcher = authority.holdsAbove(viewer, r.dispatchOrg(), Role.DISPATCHER);
        Contact contact = rows.contact(caseId).map(c -> dispatcher
                ? new Contact(c.anonymous(), c.name(), c.phone(), false)
                : c.anonymous() ? new Contact(true, null, null, true)
                : new Contact(false, Masking.name(c.name()), Masking.phone(c.phone()), true))
                .orElse(new Contact(false, null, null, !dispatcher));
        return new ComplaintView(r.caseId(), dispatcher ? r.trackingCode() : null, r.category(), r.title(),
                r.dispatchOrg(), r.handlerOrg(), r.coOrgs(), r.routeOrgType(), r.timeLimitDays(), r.overridden(),
                r.receivedAt(), r.respondDue(), r.respondedAt(), r.handlingDue(), r.handledAt(), r.resolved(), r.reply(),
                r.rating(), r.dissatisfiedCount(), r.escalated(), r.closedAt(), contact);
    }

    private Row byCode(String trackingCode) {
        String code = trackingCode == null ? "" : trackingCode.strip().toUpperCase(Locale.ROOT);
        return rows.byTrackingCode(code).orElseThrow(() -> new NotFoundException("查询码不存在：" + code));
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
