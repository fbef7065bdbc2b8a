package cn.xianfeng.complaint.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.InvalidInputException.Violation;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.StepRules;
import com.fasterxml.jackson.databind.JsonNode;
import org.flowable.engine.RuntimeService;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The rules of complaint handling that a form cannot express: who may file besides the public, where a complaint
 * may be routed (an override of the routing table needs a reason), the deadlines in working days, and the count
 * of dissatisfied evaluations that decides between reopening and escalation.
 */
@Component
class ComplaintRules implements StepRules {

    static final String PUBLIC = cn.xianfeng.complaint.Complaints.PUBLIC_ACTOR;
    /** How long the complainant has to evaluate a reply before the case closes unevaluated. */
    static final int EVALUATION_DAYS = 10;

    private final Orgs orgs;
    private final OrgAuthority authority;
    private final IntakeOrg intakeOrg;
    private final ComplaintRows rows;
    private final WorkingDays workingDays;
    private final RuntimeService runtime;
    private final Clock clock;

    ComplaintRules(Orgs orgs, OrgAuthority authority, IntakeOrg intakeOrg, ComplaintRows rows, WorkingDays workingDays,
                   RuntimeService runtime, Clock clock) {
        this.orgs = orgs;
        this.authority = authority;
        this.intakeOrg = intakeOrg;
        this.rows = rows;
        this.workingDays = workingDays;
        this.runtime = runtime;
        this.clock = clock;
    }

    @Override
    public String process() {
        return "complaint";
    }

    /** The public files through the intake; staff only as the dispatcher who took a complaint by telephone. */
    @Override
    public Map<String, Object> beforeStart(Map<String, Object> values, String actor) {
        String org = intakeOrg.code();
        if (!PUBLIC.equals(actor) && !authority.holdsAbove(actor, org, Role.DISPATCHER)) {
            throw new ForbiddenException(Refusal.of("complaint.publicChannel"));
        }
        Map<String, Object> out = new HashMap<>();
        out.put("orgCode", org);
        out.put("subjectName", String.valueOf(values.get("title")));
        out.put("dissatisfiedCount", 0L);
        out.put("anonymous", Boolean.TRUE.equals(values.get("anonymous")));
        return out;
    }

    @Override
    public void started(String caseId, Map<String, Object> variables, String actor) {
        Map<String, Object> routed = runtime.getVariables(caseId);
        rows.insert(caseId, (String) variables.get("category"),
                (String) variables.get("title"), (String) variables.get("orgCode"), (String) routed.get("routeOrgType"),
                routed.get("timeLimitDays") instanceof Number n ? n.intValue() : null, clock.instant());
    }

    @Override
    public Map<String, Object> beforeComplete(Step step, Map<String, Object> values, String actor) {
        Map<String, Object> out = new HashMap<>();
        switch (step.stepId()) {
            case "dispatch" -> out.putAll(dispatch(step, values));
            case "reply" -> out.put("evaluationDue", workingDays.dueIn(EVALUATION_DAYS));
            case "evaluate" -> {
                long count = ((Number) step.variable("dissatisfiedCount")).longValue();
                if ("DISSATISFIED".equals(values.get("rating"))) {
                    count++;
                    // reopened: the handling time starts again
                    out.put("handlingDue", workingDays.dueIn(days(step)));
                }
                out.put("dissatisfiedCount", count);
            }
            default -> {
            }
        }
        return out;
    }

    private Map<String, Object> dispatch(Step step, Map<String, Object> values) {
        String committee = (String) step.variable("orgCode");
        List<Violation> problems = new ArrayList<>();
        String handlerCode = (String) values.get("handlerOrg");
        Org handler = orgs.find(handlerCode).filter(o -> orgs.isWithin(o.code(), committee)).orElse(null);
        if (handler == null || handler.type() == OrgType.GROUP) {
            problems.add(new Violation("data.handlerOrg", Refusal.of("complaint.handlerOrg", handlerCode)));
        }
        boolean overridden = handler != null && !typeOf(handler).equals(step.variable("routeOrgType"));
        Object reason = values.get("overrideReason");
        if (overridden && (reason == null || reason.toString().isBlank())) {
            problems.add(new Violation("data.overrideReason",
                    Refusal.of("complaint.overrideReason." + step.variable("routeOrgType"))));
        }
        LinkedHashSet<String> coOrgs = new LinkedHashSet<>();
        Object submitted = values.get("coOrgs");
        for (Object o : submitted instanceof List<?> list ? list : List.of()) {
            String code = o instanceof JsonNode n ? n.asText() : String.valueOf(o);
            Org co = orgs.find(code).filter(x -> orgs.isWithin(x.code(), committee)).orElse(null);
            if (co == null || co.type() == OrgType.GROUP || code.equals(handlerCode) || !coOrgs.add(code)) {
                problems.add(new Violation("data.coOrgs", Refusal.of("complaint.coOrgs", code)));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Map<String, Object> out = new HashMap<>();
        out.put("coOrgs", List.copyOf(coOrgs));
        out.put("routeOverridden", overridden);
        out.put("respondDue", workingDays.dueIn(1));
        out.put("handlingDue", workingDays.dueIn(days(step)));
        return out;
    }

    /** BRANCH for branches and general branches, COMMITTEE for committees: the routing table's vocabulary. */
    static String typeOf(Org org) {
        return org.type() == OrgType.COMMITTEE ? "COMMITTEE" : "BRANCH";
    }

    private static int days(Step step) {
        Object days = step.variable("timeLimitDays");
        return days instanceof Number n ? n.intValue() : ComplaintRouting.DEFAULT_DAYS;
    }

    @Override
    public void completed(Step step, Map<String, Object> values, String actor) {
        Instant now = clock.instant();
        String caseId = step.caseId();
        switch (step.stepId()) {
            case "dispatch" -> {
                // the process goes on after dispatch, so its variables (the due dates just set) are still there
                Map<String, Object> v = runtime.getVariables(caseId);
                String handler = (String) values.get("handlerOrg");
                List<String> co = new ArrayList<>();
                if (values.get("coOrgs") instanceof List<?> list) {
                    list.forEach(o -> co.add(String.valueOf(o)));
                }
                Org org = orgs.get(handler);
                rows.dispatched(caseId, handler, org.path(), co, !typeOf(org).equals(step.variable("routeOrgType")), now,
                        ((java.util.Date) v.get("respondDue")).toInstant(), ((java.util.Date) v.get("handlingDue")).toInstant());
            }
            case "respond" -> rows.update(caseId, "responded_at = coalesce(responded_at, ?)", now);
            case "handle" -> rows.update(caseId, "handled_at = ?, resolved = ?", now, "RESOLVED".equals(values.get("result")));
            case "reply" -> rows.update(caseId, "reply = ?, replied_at = ?", values.get("reply"), now);
            case "evaluate" -> {
                // a satisfied evaluation ends the process: count from the snapshot, not from the engine
                boolean dissatisfied = "DISSATISFIED".equals(values.get("rating"));
                long count = ((Number) step.variable("dissatisfiedCount")).longValue() + (dissatisfied ? 1 : 0);
                rows.update(caseId, "rating = ?, evaluated_at = ?, dissatisfied_count = ?, escalated = ?, closed_at = ?",
                        values.get("rating"), now, (int) count, dissatisfied && count >= 2, dissatisfied ? null : now);
                if (dissatisfied && count < 2) {
                    Object due = runtime.getVariable(caseId, "handlingDue");
                    rows.update(caseId, "handling_due = ?, handled_at = null, resolved = null", ((java.util.Date) due).toInstant());
                }
            }
            case "review" -> rows.update(caseId, "reply = ?, replied_at = ?, closed_at = ?", values.get("reply"), now, now);
            default -> {
            }
        }
    }
}
