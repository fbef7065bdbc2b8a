package cn.xianfeng.points.internal;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.Refusal;
import cn.xianfeng.evidence.Attachment;
import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.StepRules;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 积分申报 (processes/points-claim.bpmn20.xml): a party member claims points for an offline activity of the last year
 * with photos (JPG, PNG) or a scanned certificate (PDF). The claim belongs to the member's branch and is confirmed by
 * its secretary; a secretary's own claim goes to the secretary of the org above (confirmOrg), and nobody completes
 * the confirmation of a claim they made (as StepHolders never hands a party a step of their own case). A confirmation
 * is recorded as POINTS_CLAIM_CONFIRMED, which the derivation prices (ClaimDerivation).
 */
@Component
class ClaimRules implements StepRules {

    static final String PROCESS = "points-claim";
    private static final Set<MemberStatus> MEMBERS = EnumSet.of(MemberStatus.FULL, MemberStatus.PROBATIONARY);
    private static final Set<String> EVIDENCE_TYPES = Set.of("image/jpeg", "image/png", "application/pdf");

    private final People people;
    private final Orgs orgs;
    private final Attachments attachments;
    private final AuditTrail audit;
    private final Clock clock;

    ClaimRules(People people, Orgs orgs, Attachments attachments, AuditTrail audit, Clock clock) {
        this.people = people;
        this.orgs = orgs;
        this.attachments = attachments;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public String process() {
        return PROCESS;
    }

    @Override
    public Map<String, Object> beforeStart(Map<String, Object> values, String actor) {
        Person claimant = people.find(actor).orElseThrow(() -> new ForbiddenException(Refusal.of("points.claimMembersOnly")));
        if (!MEMBERS.contains(claimant.status()) || claimant.orgCode() == null) {
            throw new ForbiddenException(Refusal.of("points.claimMembersOnly"));
        }
        LocalDate today = LocalDate.now(clock);
        if (values.get("date") instanceof LocalDate date && date.isBefore(today.minusYears(1))) {
            throw InvalidInputException.of("data.date", Refusal.of("points.claimDateRange", today.minusYears(1).toString()));
        }
        List<?> evidence = values.get("evidence") instanceof List<?> l ? l : List.of();
        if (evidence.isEmpty()) {
            throw InvalidInputException.of("data.evidence", Refusal.of("points.claimEvidenceRequired"));
        }
        for (Object id : evidence) {
            Attachment a = attachments.find(String.valueOf(id)).orElse(null);
            if (a == null || !EVIDENCE_TYPES.contains(a.type())) {
                throw InvalidInputException.of("data.evidence", Refusal.of("points.claimEvidenceType"));
            }
        }
        Org branch = orgs.branchOf(claimant.orgCode());
        String confirmOrg = branch.code();
        if (claimant.holds(Role.SECRETARY, branch.code())) {
            confirmOrg = branch.parentCode() != null ? branch.parentCode()
                    : orgs.committeeAbove(branch.code()).map(Org::code)
                    .orElseThrow(() -> new ForbiddenException(Refusal.of("points.claimNoConfirmer")));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("orgCode", branch.code());
        extra.put("confirmOrg", confirmOrg);
        extra.put("subjectName", label(values.get("activity")) + "（" + claimant.name() + "）");
        return extra;
    }

    @Override
    public Map<String, Object> beforeComplete(Step step, Map<String, Object> values, String actor) {
        if (actor.equals(step.variable("initiator"))) {
            throw new ForbiddenException(Refusal.of("points.claimOwn"));
        }
        return Map.of();
    }

    @Override
    public void completed(Step step, Map<String, Object> values, String actor) {
        if (!"confirm".equals(step.stepId()) || !"CONFIRM".equals(values.get("decision"))) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("claimant", String.valueOf(step.variable("initiator")));
        data.put("activity", String.valueOf(step.variable("activity")));
        data.put("date", String.valueOf(step.variable("date")));
        audit.record(new AuditEntry(actor, String.valueOf(step.variable("orgCode")), AuditAction.POINTS_CLAIM_CONFIRMED,
                step.caseId(), step.taskId(), step.stepId(), data, null, null));
    }

    /** The activity's Chinese name, for the case's title (the form's option labels say the same). */
    private static String label(Object activity) {
        return switch (String.valueOf(activity)) {
            case "VOLUNTEER" -> "志愿服务";
            case "AWARD" -> "获得表彰";
            case "STUDY" -> "学习培训";
            default -> "其他活动";
        };
    }
}
