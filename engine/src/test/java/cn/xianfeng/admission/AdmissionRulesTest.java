package cn.xianfeng.admission;

import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static cn.xianfeng.admission.AdmissionWalk.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each rule of DOMAIN.md section 1 that the engine enforces, proven with the clock moved where time matters. */
class AdmissionRulesTest extends AdmissionTestSupport {

    private String caseAt(String applicant, String step) {
        String caseId = walk.start(applicant);
        walk.walkTo(caseId, applicant, step);
        return caseId;
    }

    private static List<String> fields(Throwable e) {
        return ((InvalidInputException) e).violations().stream().map(InvalidInputException.Violation::field).toList();
    }

    @Test
    void theApplicantMustBe18OnTheDayOfApplication() {
        String young = walk.applicant(17);
        String caseId = walk.start(young);
        assertThatThrownBy(() -> walk.complete(caseId, "step01", young, walk.data("step01", young)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(fields(e)).containsExactly("data.applicationDate"))
                .hasMessageContaining("年满十八周岁");
        assertThat(walk.currentSteps(caseId)).containsExactly("step01");
    }

    @Test
    void theTalkIsDueOneMonthAfterTheApplication() {
        String applicant = walk.applicant(22);
        String caseId = caseAt(applicant, "step02");
        LocalDate applied = admissions.mine(applicant).dates().get("applicationDate");
        ZonedDateTime due = walk.current(caseId, "step02").due().atZone(clock.getZone());
        assertThat(due.toLocalDate()).isEqualTo(applied.plusMonths(1));
    }

    @Test
    void aCandidateIsNamedOnlyAfterAYearAsActivistAndTheRefusalNamesTheEarliestDate() {
        String applicant = walk.applicant(23);
        String caseId = caseAt(applicant, "step07");
        LocalDate earliest = admissions.mine(applicant).dates().get("earliestCandidateDate");

        assertThatThrownBy(() -> walk.complete(caseId, "step07", "sec1", walk.data("step07", applicant)))
                .isInstanceOf(ConflictException.class).hasMessageContaining(earliest.toString());
        assertThat(walk.currentSteps(caseId)).contains("step07");

        walk.time.moveTo(earliest.atStartOfDay(clock.getZone()).toInstant().plusSeconds(3600));
        walk.complete(caseId, "step07", "sec1", walk.data("step07", applicant));
        assertThat(walk.currentSteps(caseId)).contains("step08");
    }

    @Test
    void theBranchRecordsAnAssessmentEveryHalfYearOfTraining() {
        String applicant = walk.applicant(24);
        String caseId = caseAt(applicant, "step06");
        assertThat(walk.currentSteps(caseId)).containsExactly("step06");

        walk.advance(Duration.ofDays(184));
        assertThat(walk.currentSteps(caseId)).containsExactlyInAnyOrder("step06", "step06Assessment");
        walk.complete(caseId, "step06Assessment", "sec1", Map.of("result", "GOOD", "assessment", "学习认真"));
        walk.advance(Duration.ofDays(184));
        assertThat(walk.currentSteps(caseId)).containsExactlyInAnyOrder("step06", "step06Assessment");

        walk.complete(caseId, "step06", "sec1", walk.data("step06", applicant));
        walk.advance(Duration.ofDays(184));
        assertThat(walk.currentSteps(caseId)).as("assessments stop with the training")
                .containsExactlyInAnyOrder("step07", "step06Assessment");
    }

    @Test
    void contactsAndIntroducersAreDistinctFullMembersOfTheBranch() {
        String applicant = walk.applicant(25);
        String caseId = caseAt(applicant, "step05");
        for (List<String> bad : List.of(List.of("activist9"), List.of("outsider"), List.of(applicant),
                List.of("member1", "member1"), List.of("member1", "member2", "member3"), List.<String>of())) {
            assertThatThrownBy(() -> walk.complete(caseId, "step05", "sec1", Map.of("contacts", bad)))
                    .as(bad.toString()).isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(fields(e)).containsExactly("data.contacts"));
        }
        walk.walkTo(caseId, applicant, "step09");
        for (List<String> bad : List.of(List.of("member1"), List.of("member1", "activist9"), List.of("member1", "outsider"))) {
            assertThatThrownBy(() -> walk.complete(caseId, "step09", "sec1", Map.of("introducers", bad)))
                    .as(bad.toString()).isInstanceOf(InvalidInputException.class);
        }
        walk.complete(caseId, "step09", "sec1", Map.of("introducers", List.of("member2", "member3")));
    }

    @Test
    void trainingNeedsThreeDaysOr24Hours() {
        String applicant = walk.applicant(26);
        String caseId = caseAt(applicant, "step11");
        assertThatThrownBy(() -> walk.complete(caseId, "step11", "sec1", Map.of("trainingDays", 2, "trainingHours", 23)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(fields(e))
                        .containsExactly("data.trainingDays", "data.trainingHours"));
        walk.complete(caseId, "step11", "sec1", Map.of("trainingDays", 0, "trainingHours", 24));
        assertThat(walk.currentSteps(caseId)).containsExactly("step12");
    }

    @Test
    void voteCountsMustAddUp() {
        String applicant = walk.applicant(27);
        String caseId = caseAt(applicant, "step15");
        var vote = walk.data("step15", applicant);
        assertThatThrownBy(() -> walk.complete(caseId, "step15", "sec1", with(vote, "present", 6)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(fields(e)).contains("data.present"));
        assertThatThrownBy(() -> walk.complete(caseId, "step15", "sec1", with(vote, "yes", 4, "no", 1)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(fields(e)).contains("data.yes"));
        assertThat(walk.currentSteps(caseId)).containsExactly("step15");
    }

    @Test
    void approvalIsDueThreeMonthsAfterTheVoteAndEscalatesToTheCommitteeAboveWhenOverdue() {
        String applicant = walk.applicant(28);
        String caseId = caseAt(applicant, "step17");
        LocalDate voted = admissions.mine(applicant).dates().get("voteDate");
        var step17 = walk.current(caseId, "step17");
        assertThat(step17.due().atZone(clock.getZone()).toLocalDate()).isEqualTo(voted.plusMonths(3));
        assertThat(step17.escalatedTo()).isNull();
        assertThat(step17.overdue()).isFalse();

        walk.advance(Duration.ofDays(95));

        step17 = walk.current(caseId, "step17");
        assertThat(step17.overdue()).isTrue();
        assertThat(step17.escalatedTo()).isEqualTo("K");
        assertThat(step17.candidates()).contains("COMMITTEE_REVIEWER@K-T", "ORG_DEPARTMENT@K");
        assertThat(cases.history(caseId, "admin")).anyMatch(h -> h.action().equals("ESCALATED") && "step17".equals(h.stepId()));
        walk.complete(caseId, "step17", "orgdept", walk.data("step17", applicant));
        assertThat(walk.currentSteps(caseId)).containsExactly("step18");
    }

    @Test
    void fullMembershipApprovalIsAlsoDueInThreeMonthsAndEscalates() {
        String applicant = walk.applicant(29);
        String caseId = caseAt(applicant, "step24");
        walk.advance(Duration.ofDays(95));
        assertThat(walk.current(caseId, "step24").escalatedTo()).isEqualTo("K");
    }

    @Test
    void onlyTheApplicantOrTheirBranchOfficersStartAndOnlyOnceAtATime() {
        String applicant = walk.applicant(30);
        // another branch's secretary cannot even pick the applicant (the person field's scope): a 400 naming the field
        assertThatThrownBy(() -> cases.start(new StartCase("admission", null, Map.of("applicant", applicant)), "sec2",
                Locale.CHINA)).isInstanceOf(cn.xianfeng.common.InvalidInputException.class)
                .hasMessageContaining("data.applicant");
        assertThatThrownBy(() -> walk.start("member1")).isInstanceOf(ConflictException.class);

        String caseId = cases.start(new StartCase("admission", null, Map.of("applicant", applicant)), "sec1",
                Locale.CHINA).id();
        assertThat(cases.view(caseId, applicant).subject()).contains("申请人");
        assertThatThrownBy(() -> walk.start(applicant)).isInstanceOf(ConflictException.class);
        // the secretary hands in the paper letter: they scan and upload it themselves (an upload binds only its uploader)
        Map<String, Object> step01 = new java.util.HashMap<>(walk.data("step01", applicant));
        assertThatThrownBy(() -> walk.complete(caseId, "step01", "sec1", step01))
                .as("the applicant's own upload is not the secretary's to submit").isInstanceOf(InvalidInputException.class);
        step01.put("letter", walk.attachment("sec1"));
        walk.complete(caseId, "step01", "sec1", step01);
    }
}
