package cn.xianfeng.complaint;

import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.complaint.ComplaintTypes.Rates;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three rates, computed from cases of every kind handled by branch Q-T-B4 (which no other test uses). */
class ComplaintRatesTest extends ComplaintTestSupport {

    @Test
    void ratesCountResponseOnTimeResolutionAndSatisfaction() {
        // 1: satisfied, on time
        String satisfied = file("COMMUNITY_SERVICE", null, false);
        dispatch(caseOf(satisfied), "Q-T-B4", List.of(), null);
        handle(caseOf(satisfied), "qsec4", true);
        complaints.evaluate(satisfied, "SATISFIED", null, ZH);
        // 2: dissatisfied, reopened, basically satisfied
        String reopened = file("COMMUNITY_SERVICE", null, false);
        dispatch(caseOf(reopened), "Q-T-B4", List.of(), null);
        handle(caseOf(reopened), "qsec4", true);
        complaints.evaluate(reopened, "DISSATISFIED", null, ZH);
        handle(caseOf(reopened), "qsec4", false);
        complaints.evaluate(reopened, "BASICALLY_SATISFIED", null, ZH);
        // 3: dissatisfied twice, escalated
        String escalated = file("COMMUNITY_SERVICE", null, false);
        dispatch(caseOf(escalated), "Q-T-B4", List.of(), null);
        handle(caseOf(escalated), "qsec4", true);
        complaints.evaluate(escalated, "DISSATISFIED", null, ZH);
        handle(caseOf(escalated), "qsec4", false);
        complaints.evaluate(escalated, "DISSATISFIED", null, ZH);
        // 4: responded late (after the response timer fired), still being handled
        String late = file("COMMUNITY_SERVICE", null, false);
        dispatch(caseOf(late), "Q-T-B4", List.of(), null);
        time.moveTo(complaints.view(caseOf(late), "qdisp").respondDue().plusSeconds(1));
        complete(caseOf(late), "respond", "qsec4", Map.of("response", "迟到"));
        // 5: not dispatched yet: not counted for any org
        file("COMMUNITY_SERVICE", null, false);

        Rates r = rates.of("Q-T-B4", null, null, "qaudit");
        assertThat(r.counts().received()).isEqualTo(4);
        assertThat(r.counts().respondedOnTime()).isEqualTo(3);
        assertThat(r.responseRate()).isEqualTo(0.75);
        assertThat(r.counts().handled()).isEqualTo(3);
        assertThat(r.counts().resolved()).as("reported resolved, not finally dissatisfied").isEqualTo(2);
        assertThat(r.resolutionRate()).isEqualTo(0.6667);
        assertThat(r.counts().evaluated()).isEqualTo(3);
        assertThat(r.counts().satisfied()).isEqualTo(1);
        assertThat(r.counts().basicallySatisfied()).isEqualTo(1);
        assertThat(r.counts().dissatisfied()).isEqualTo(1);
        assertThat(r.satisfactionRate()).isEqualTo(0.6667);
        assertThat(r.counts().escalated()).isEqualTo(2);

        Rates township = rates.of("Q-T", null, null, "qrev");
        assertThat(township.orgs()).extracting(Rates::org).contains("Q-T-B4");
        assertThat(township.counts().received()).isGreaterThanOrEqualTo(4);
        assertThat(rates.of("Q-T-B4", r.to().plusDays(1), r.to().plusDays(30), "qaudit").responseRate()).isNull();
        assertThatThrownBy(() -> rates.of("Q-T-B4", null, null, "qsec1")).isInstanceOf(NotFoundException.class);
    }
}
