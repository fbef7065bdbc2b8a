package cn.xianfeng.admission.internal;

import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.People;
import cn.xianfeng.workflow.CaseDirectory;
import cn.xianfeng.workflow.CaseStatus;
import cn.xianfeng.workflow.StepRules.Step;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a completed step changes outside the engine: the applicant's member status (recorded with this case),
 * the dates kept for the applicant's and the branch's views, the group they join, and closing the case's row.
 */
@Component
class AdmissionProgress {

    private final People people;
    private final AdmissionCases cases;
    private final CaseDirectory directory;

    AdmissionProgress(People people, AdmissionCases cases, CaseDirectory directory) {
        this.people = people;
        this.cases = cases;
        this.directory = directory;
    }

    void record(Step step, Map<String, Object> values, String actor) {
        String id = step.caseId();
        String applicant = (String) step.variable("applicant");
        boolean approve = "APPROVE".equals(values.get("decision"));
        switch (step.stepId()) {
            case "step01" -> cases.date(id, "application_date", Dates.date(values.get("applicationDate")));
            case "step03" -> {
                if (approve) {
                    LocalDate named = Dates.date(values.get("meetingDate"));
                    cases.date(id, "activist_date", named);
                    cases.date(id, "earliest_candidate_date", named.plusYears(1));
                    people.changeStatus(applicant, MemberStatus.ACTIVIST, id, actor);
                }
            }
            case "step07" -> {
                if (approve) {
                    cases.date(id, "candidate_date", Dates.date(values.get("meetingDate")));
                    people.changeStatus(applicant, MemberStatus.CANDIDATE, id, actor);
                }
            }
            case "step15" -> {
                LocalDate voted = Dates.date(values.get("meetingDate"));
                cases.date(id, "vote_date", voted);
                if (Votes.of(values).passed()) {
                    cases.date(id, "probation_end", voted.plusYears(1));
                }
            }
            case "step17" -> {
                if (approve) {
                    people.changeStatus(applicant, MemberStatus.PROBATIONARY, id, actor);
                }
            }
            case "step19" -> people.moveTo(applicant, String.valueOf(values.get("group")), id, actor);
            case "step23" -> probationDecision(id, applicant, step, values, actor);
            case "step24" -> {
                if (approve) {
                    cases.date(id, "full_date", Dates.date(values.get("approvalDate")));
                    people.changeStatus(applicant, MemberStatus.FULL, id, actor);
                }
            }
            default -> {
            }
        }
        CaseStatus status = directory.statusAfter(step);
        if (status != CaseStatus.ACTIVE) {
            cases.close(id);
        }
        MemberStatus after = AdmissionRules.AFTER_FINAL_NO.get(step.stepId());
        if ((status == CaseStatus.REJECTED || status == CaseStatus.CANCELLED) && after != null
                && people.get(applicant).status() != after) {
            people.changeStatus(applicant, after, id, actor);
        }
    }

    private void probationDecision(String id, String applicant, Step step, Map<String, Object> values, String actor) {
        if (!Votes.of(values).passed()) {
            return;
        }
        switch (String.valueOf(values.get("decision"))) {
            case "EXTEND" -> {
                int months = ((Number) values.get("extendMonths")).intValue();
                cases.extended(id, months, Dates.date(step.variable("probationEndDate")).plusMonths(months));
            }
            // 取消预备党员资格 ends the case CANCELLED: AdmissionRules.AFTER_FINAL_NO makes them an applicant again
            default -> {
            }
        }
    }
}
