package cn.xianfeng.admission.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.StepRules;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of recruitment that a form cannot express: who may start, ages, members of the branch, the year
 * as an activist, training hours, votes, probation. Each step's dates go into the case's variables, where the
 * model's due dates and timers read them.
 */
@Component
class AdmissionRules implements StepRules {

    private final People people;
    private final Orgs orgs;
    private final OrgAuthority authority;
    private final MemberChecks members;
    private final AdmissionCases cases;
    private final AdmissionProgress progress;
    private final Clock clock;

    AdmissionRules(People people, Orgs orgs, OrgAuthority authority, MemberChecks members, AdmissionCases cases,
                   AdmissionProgress progress, Clock clock) {
        this.people = people;
        this.orgs = orgs;
        this.authority = authority;
        this.members = members;
        this.cases = cases;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * What a final "no" leaves, by the step that ended the case: a rejection (03, 10, 12, 17, 24), a failed vote
     * (15) or a cancelled probation (23) returns the person to APPLICANT, whatever they had become, so that they may
     * apply again with a new case from step01 (only applicants may start one); the ended case and every status change
     * stay in the record (member_status_change names the case). README, recruitment rules.
     */
    static final Map<String, MemberStatus> AFTER_FINAL_NO = Map.of(
            "step03", MemberStatus.APPLICANT, "step10", MemberStatus.APPLICANT, "step12", MemberStatus.APPLICANT,
            "step15", MemberStatus.APPLICANT, "step17", MemberStatus.APPLICANT, "step23", MemberStatus.APPLICANT,
            "step24", MemberStatus.APPLICANT);

    @Override
    public String process() {
        return "admission";
    }

    /** 撤销 before anyone else acted: the case's row closes, so that the applicant may apply again. */
    @Override
    public void cancelled(String caseId, Map<String, Object> variables, String actor) {
        cases.close(caseId);
    }

    @Override
    public Map<String, Object> beforeStart(Map<String, Object> values, String actor) {
        String applicant = values.get("applicant") instanceof String named ? named : actor;
        Person person = people.find(applicant)
                .orElseThrow(() -> InvalidInputException.of("data.applicant", Refusal.of("common.personNotFound", applicant)));
        if (person.status() != MemberStatus.APPLICANT) {
            throw new ConflictException(Refusal.of("admission.applicantsOnly", person.name(), Refusal.of("label.status." + person.status())));
        }
        Org branch = orgs.branchOf(person.orgCode());
        if (!actor.equals(applicant) && !authority.isSuperuser(actor)
                && !authority.holdsAbove(actor, branch.code(), Role.SECRETARY, Role.BRANCH_COMMITTEE)) {
            throw new ForbiddenException(Refusal.of("admission.onlyApplicantOrBranch"));
        }
        if (cases.hasOpen(applicant)) {
            throw new ConflictException(Refusal.of("admission.caseOpenFor", person.name()));
        }
        return Map.of("applicant", applicant, "orgCode", branch.code(), "subjectPerson", applicant,
                "subjectName", person.name());
    }

    @Override
    public void started(String caseId, Map<String, Object> variables, String actor) {
        try {
            cases.insert(caseId, (String) variables.get("applicant"), (String) variables.get("orgCode"));
        } catch (DuplicateKeyException e) {
            throw new ConflictException(Refusal.of("admission.caseOpen"));
        }
    }

    @Override
    public Map<String, Object> beforeComplete(Step step, Map<String, Object> values, String actor) {
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> out = new HashMap<>();
        boolean approve = "APPROVE".equals(values.get("decision"));
        switch (step.stepId()) {
            case "step01" -> {
                LocalDate applied = Dates.date(values.get("applicationDate"));
                LocalDate birth = people.get((String) step.variable("applicant")).birthDate();
                if (birth == null) {
                    throw InvalidInputException.of("data.applicationDate", Refusal.of("admission.birthDateMissing"));
                }
                if (birth.plusYears(18).isAfter(applied)) {
                    throw InvalidInputException.of("data.applicationDate", Refusal.of("admission.under18", birth.plusYears(18)));
                }
                out.put("step02Due", Dates.endOf(applied.plusMonths(1), clock));
            }
            case "step03" -> {
                if (approve) {
                    LocalDate named = Dates.date(values.get("meetingDate"));
                    out.put("activistDate", named);
                    out.put("earliestCandidateDate", named.plusYears(1));
                }
            }
            case "step05" -> members.requireFullMembersOfBranch("contacts", (List<?>) values.get("contacts"),
                    (String) step.variable("applicant"), (String) step.variable("orgCode"));
            case "step07" -> {
                if (approve) {
                    LocalDate earliest = Dates.date(step.variable("earliestCandidateDate"));
                    LocalDate meeting = Dates.date(values.get("meetingDate"));
                    if (earliest != null && (today.isBefore(earliest) || meeting.isBefore(earliest))) {
                        throw new ConflictException(Refusal.of("admission.activistYear", earliest));
                    }
                    if (!Boolean.TRUE.equals(values.get("opinionsHeard"))) {
                        throw InvalidInputException.of("data.opinionsHeard", Refusal.of("admission.opinionsRequired"));
                    }
                }
            }
            case "step09" -> members.requireFullMembersOfBranch("introducers", (List<?>) values.get("introducers"),
                    (String) step.variable("applicant"), (String) step.variable("orgCode"));
            case "step11" -> {
                long days = ((Number) values.get("trainingDays")).longValue();
                long hours = ((Number) values.get("trainingHours")).longValue();
                if (days < 3 && hours < 24) {
                    throw new InvalidInputException(List.of(
                            new InvalidInputException.Violation("data.trainingDays", Refusal.of("admission.trainingDays")),
                            new InvalidInputException.Violation("data.trainingHours", Refusal.of("admission.trainingHours"))));
                }
            }
            case "step15" -> {
                Votes vote = Votes.of(values);
                out.put("votePassed", vote.passed());
                if (vote.passed()) {
                    LocalDate voted = Dates.date(values.get("meetingDate"));
                    out.put("probationEndDate", voted.plusYears(1));
                    out.put("probationEnd", Dates.startOf(voted.plusYears(1), clock));
                    out.put("step17Due", Dates.endOf(voted.plusMonths(3), clock));
                }
            }
            case "step19" -> {
                Org group = orgs.find(String.valueOf(values.get("group"))).orElse(null);
                if (group == null || group.type() != OrgType.GROUP || !step.variable("orgCode").equals(group.parentCode())) {
                    throw InvalidInputException.of("data.group", Refusal.of("org.groupOfThisBranch"));
                }
            }
            case "step23" -> out.putAll(probationDecision(step, values));
            default -> {
            }
        }
        return out;
    }

    private Map<String, Object> probationDecision(Step step, Map<String, Object> values) {
        Votes vote = Votes.of(values);
        Map<String, Object> out = new HashMap<>();
        out.put("votePassed", vote.passed());
        if (!vote.passed()) {
            return out;
        }
        LocalDate voted = Dates.date(values.get("meetingDate"));
        switch (String.valueOf(values.get("decision"))) {
            case "EXTEND" -> {
                if (step.variable("extendedMonths") != null) {
                    throw new ConflictException(Refusal.of("admission.extendOnce"));
                }
                int months = ((Number) values.get("extendMonths")).intValue();
                LocalDate end = Dates.date(step.variable("probationEndDate")).plusMonths(months);
                out.put("extendedMonths", months);
                out.put("probationEndDate", end);
                out.put("probationEnd", Dates.startOf(end, clock));
            }
            case "ON_TIME" -> out.put("step24Due", Dates.endOf(voted.plusMonths(3), clock));
            default -> {
            }
        }
        return out;
    }

    @Override
    public void completed(Step step, Map<String, Object> values, String actor) {
        progress.record(step, values, actor);
    }
}
