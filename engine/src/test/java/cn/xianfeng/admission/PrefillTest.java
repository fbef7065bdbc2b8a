package cn.xianfeng.admission;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A task form starts only from what its own definition carries forward, never from another step's same-named field. */
class PrefillTest extends AdmissionTestSupport {

    @Test
    void step07DoesNotShowStep03sMeetingDateAndDecision() {
        String applicant = walk.applicant(30);
        String caseId = walk.start(applicant);
        walk.walkTo(caseId, applicant, "step07");
        var step07 = walk.current(caseId, "step07");
        var detail = tasks.get(step07.taskId(), walk.owner("step07", applicant));
        // step03 recorded meetingDate and decision=APPROVE; submitting them again would trip the one-year rule
        assertThat(detail.form().field("meetingDate")).isPresent();
        assertThat(detail.values()).doesNotContainKeys("meetingDate", "decision", "reason", "opinionsHeard");
    }
}
