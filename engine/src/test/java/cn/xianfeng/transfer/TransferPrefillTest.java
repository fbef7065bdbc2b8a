package cn.xianfeng.transfer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The outgoing check shows the dues month it carries forward, never the application's reason as its own. */
class TransferPrefillTest extends TransferTestSupport {

    @Test
    void theCheckDoesNotShowTheApplicationsReasonInItsRejectionReason() {
        String member = member();
        String id = start(member, "K-T-B2", null);
        var check = cases.view(id, "admin").current().stream().filter(s -> s.stepId().equals("outgoingCheck"))
                .findFirst().orElseThrow();
        var detail = tasks.get(check.taskId(), "sec1");
        assertThat(detail.form().field("reason")).isPresent();
        // the dues month is the ledger's, not a field of this form any more
        assertThat(detail.values()).doesNotContainKeys("reason", "decision", "duesPaidUntil");
    }
}
