package cn.xianfeng.admission;

import cn.xianfeng.common.ConflictException;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.workflow.CaseStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static cn.xianfeng.admission.AdmissionWalk.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every decision path of the model: rejections that end, rejections that return, votes, extension, cancellation. */
class AdmissionPathsTest extends AdmissionTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    cn.xianfeng.workflow.TaskOperations operations;

    private String caseAt(String applicant, String step) {
        String caseId = walk.start(applicant);
        walk.walkTo(caseId, applicant, step);
        return caseId;
    }

    /** The label the step's form gives the REJECT option, as its holder sees it. */
    private String rejectLabel(String caseId, String step, String user) {
        var form = tasks.get(walk.current(caseId, step).taskId(), user).form();
        return form.field("decision").orElseThrow().options().stream().filter(o -> o.value().equals("REJECT"))
                .findFirst().orElseThrow().label().zh();
    }

    private void reject(String caseId, String step, String user) {
        walk.complete(caseId, step, user, with(walk.data(step, "x"), "decision", "REJECT", "reason", "不符合条件"));
    }

    /**
     * Each says so on its REJECT option (the label comes from the model: the same admission-review form returns at
     * 04/08/13/18), and leaves the person an applicant again (AdmissionRules.AFTER_FINAL_NO), the change recorded.
     */
    @Test
    void rejectionsAtSteps03_10_12_17_24EndTheCaseRejectedAsTheirLabelSaysAndLeaveAnApplicant() {
        for (String step : new String[]{"step03", "step10", "step12", "step17", "step24"}) {
            String applicant = walk.applicant(26);
            String caseId = caseAt(applicant, step);
            MemberStatus before = people.get(applicant).status();
            assertThat(rejectLabel(caseId, step, walk.owner(step, applicant))).as(step)
                    .isEqualTo("不同意，不予通过，流程结束");

            reject(caseId, step, walk.owner(step, applicant));

            assertThat(cases.view(caseId, applicant).status()).as(step).isEqualTo(CaseStatus.REJECTED);
            assertThat(walk.currentSteps(caseId)).as(step).isEmpty();
            assertThat(people.get(applicant).status()).as(step).isEqualTo(MemberStatus.APPLICANT);
            if (before != MemberStatus.APPLICANT) {
                assertThat(jdbc.sql("select count(*) from member_status_change where username = ? and case_id = ? "
                        + "and from_status = ? and to_status = 'APPLICANT'").params(applicant, caseId, before.name())
                        .query(Integer.class).single()).as(step).isEqualTo(1);
            }
            assertThat(cases.history(caseId, applicant).get(cases.history(caseId, applicant).size() - 1).data())
                    .as(step).containsEntry("reason", "不符合条件");
        }
    }

    @Test
    void rejectionsAtSteps04_07_08_13_18ReturnToTheStepTheRulesName() {
        Map<String, String> returnsTo = Map.of("step04", "step03", "step07", "step06", "step08", "step07",
                "step13", "step12", "step18", "step17");
        returnsTo.forEach((step, back) -> {
            String applicant = walk.applicant(27);
            String caseId = caseAt(applicant, step);
            if (step.equals("step07")) {
                walk.advance(Duration.ofDays(366));
            }
            assertThat(rejectLabel(caseId, step, walk.owner(step, applicant))).as(step)
                    .isEqualTo("不同意，退回「" + cases.stepName("admission", back) + "」重新办理");
            reject(caseId, step, walk.owner(step, applicant));
            assertThat(cases.view(caseId, applicant).status()).as(step).isEqualTo(CaseStatus.ACTIVE);
            assertThat(walk.currentSteps(caseId)).as(step).contains(back).doesNotContain(step);
        });
    }

    @Test
    void aFailedVoteAtStep15EndsTheCaseAndYesMustExceedHalfOfThoseEntitledNotOfThosePresent() {
        String applicant = walk.applicant(28);
        String caseId = caseAt(applicant, "step15");

        // 3 of 4 present said yes, but 6 were entitled: 3 is not more than half of 6
        walk.complete(caseId, "step15", "sec1", Map.of("meetingDate", walk.today().toString(), "entitled", 6,
                "present", 4, "yes", 3, "no", 1, "abstain", 0));

        assertThat(cases.view(caseId, applicant).status()).isEqualTo(CaseStatus.REJECTED);
        assertThat(people.get(applicant).status()).isEqualTo(MemberStatus.APPLICANT);
        assertThat(admissions.mine(applicant).dates()).containsKey("voteDate").doesNotContainKey("probationEnd");
    }

    /** Issue 15 item 8: a candidate rejected at step 10 is an applicant again and may apply again, history kept. */
    @Test
    void aCandidateRejectedAtStep10AppliesAgainWithANewCaseAndTheOldOneStays() {
        String applicant = walk.applicant(33);
        String caseId = caseAt(applicant, "step10");
        assertThat(people.get(applicant).status()).isEqualTo(MemberStatus.CANDIDATE);
        reject(caseId, "step10", "sec1");

        String again = walk.start(applicant);

        assertThat(again).isNotEqualTo(caseId);
        assertThat(walk.currentSteps(again)).containsExactly("step01");
        assertThat(cases.view(caseId, applicant).status()).isEqualTo(CaseStatus.REJECTED);
        assertThat(cases.history(caseId, applicant)).anyMatch(h -> h.action().equals("TASK_COMPLETED")
                && "step10".equals(h.stepId()) && "REJECT".equals(h.data().get("decision")));
        assertThat(jdbc.sql("select to_status from member_status_change where username = ? order by at, id")
                .param(applicant).query(String.class).list()).containsSubsequence("ACTIVIST", "CANDIDATE", "APPLICANT");
        assertThat(admissions.mine(applicant).caseId()).as("their page follows the new case").isEqualTo(again);
    }

    /** Every option of every decision field of the model says what it does there. */
    @Test
    void approvalsSayWhereTheCaseGoesAndTheProbationDecisionSaysEachOutcome() {
        String applicant = walk.applicant(34);
        String caseId = caseAt(applicant, "step04");
        var options = tasks.get(walk.current(caseId, "step04").taskId(), "reviewer").form().field("decision")
                .orElseThrow().options();
        assertThat(options).extracting(o -> o.label().zh()).containsExactly(
                "同意，转「" + cases.stepName("admission", "step05") + "」", "不同意，退回「" + cases.stepName("admission", "step03")
                        + "」重新办理");
        assertThat(options).extracting(o -> o.label().en()).allMatch(l -> l.contains("«"));
    }

    @Test
    void probationExtendedOnceGoesBackToStep21ThenFullMembershipOnTime() {
        String applicant = walk.applicant(29);
        String caseId = caseAt(applicant, "step23");
        LocalDate end = admissions.mine(applicant).dates().get("probationEnd");

        walk.complete(caseId, "step23", "sec1", with(walk.data("step23", applicant), "decision", "EXTEND",
                "extendMonths", 6, "reason", "需继续考察"));
        assertThat(walk.currentSteps(caseId)).containsExactly("step21");
        assertThat(admissions.mine(applicant).dates().get("probationEnd")).isEqualTo(end.plusMonths(6));

        walk.complete(caseId, "step21", "sec1", walk.data("step21", applicant));
        assertThat(walk.currentSteps(caseId)).as("the extended probation has not ended yet").isEmpty();
        walk.advance(Duration.ofDays(190));
        walk.complete(caseId, "step22", applicant, walk.data("step22", applicant));
        assertThatThrownBy(() -> walk.complete(caseId, "step23", "sec1", with(walk.data("step23", applicant),
                "decision", "EXTEND", "extendMonths", 6, "reason", "再延长")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("只能延长一次");

        walk.complete(caseId, "step23", "sec1", walk.data("step23", applicant));
        walk.complete(caseId, "step24", "reviewer", walk.data("step24", applicant));
        walk.complete(caseId, "step25", "sec1", walk.data("step25", applicant));
        assertThat(people.get(applicant).status()).isEqualTo(MemberStatus.FULL);
    }

    @Test
    void cancellationAtStep23EndsTheCaseCancelledAndTheMemberIsNoLongerProbationary() {
        String applicant = walk.applicant(30);
        String caseId = caseAt(applicant, "step23");
        assertThat(people.get(applicant).status()).isEqualTo(MemberStatus.PROBATIONARY);

        walk.complete(caseId, "step23", "sec1", with(walk.data("step23", applicant), "decision", "CANCEL",
                "reason", "不履行党员义务"));

        assertThat(cases.view(caseId, applicant).status()).isEqualTo(CaseStatus.CANCELLED);
        assertThat(people.get(applicant).status()).isEqualTo(MemberStatus.APPLICANT);
        assertThat(jdbc.sql("select count(*) from admission_case where case_id = ? and open").param(caseId)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aReturnMayNotCrossARecordedVote() {
        String applicant = walk.applicant(32);
        String caseId = caseAt(applicant, "step16");
        String step16 = walk.current(caseId, "step16").taskId();
        assertThatThrownBy(() -> operations.returnTo(step16, "step14", "志愿书需重填", "reviewer"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("表决");
        operations.returnTo(step16, "step15", "表决记录有误", "reviewer");
        assertThat(walk.currentSteps(caseId)).containsExactly("step15");
        assertThat(walk.current(caseId, "step15").assignee()).isEqualTo("sec1");
    }

    @Test
    void aFailedVoteAtStep23IsHeldAgain() {
        String applicant = walk.applicant(31);
        String caseId = caseAt(applicant, "step23");

        walk.complete(caseId, "step23", "sec1", with(walk.data("step23", applicant), "yes", 2, "no", 2));

        assertThat(walk.currentSteps(caseId)).containsExactly("step23");
        assertThat(people.get(applicant).status()).isEqualTo(MemberStatus.PROBATIONARY);
    }
}
