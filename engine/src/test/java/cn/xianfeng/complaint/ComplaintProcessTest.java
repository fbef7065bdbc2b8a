package cn.xianfeng.complaint;

import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.complaint.ComplaintTypes.ComplaintView;
import cn.xianfeng.workflow.CaseStatus;
import cn.xianfeng.workflow.WorkflowTypes.CurrentStep;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every path of the complaint model with the application's rules: routing, override, joint handling, evaluation. */
class ComplaintProcessTest extends ComplaintTestSupport {

    @Test
    void routedByTheTableDispatchedToABranchAndClosedSatisfied() {
        String code = file("COMMUNITY_SERVICE", "13800001111", false);
        String caseId = caseOf(code);
        assertThat(complaints.track(code).status()).isEqualTo("RECEIVED");
        ComplaintView proposed = complaints.view(caseId, "qdisp");
        assertThat(proposed.routeOrgType()).isEqualTo("BRANCH");
        assertThat(proposed.timeLimitDays()).isEqualTo(3);
        assertThat(complaints.view(caseOf(file("INFRASTRUCTURE", null, false)), "qdisp").timeLimitDays()).isEqualTo(15);

        dispatch(caseId, "Q-T-B1", List.of(), null);
        ComplaintView dispatched = complaints.view(caseId, "qdisp");
        assertThat(dispatched.handlerOrg()).isEqualTo("Q-T-B1");
        assertThat(dispatched.overridden()).isFalse();
        // dispatched on a Monday: respond by the end of Tuesday, handle within 3 working days (Thursday)
        assertThat(Duration.between(time.now(), dispatched.respondDue())).isBetween(Duration.ofHours(38), Duration.ofHours(39));
        assertThat(Duration.between(time.now(), dispatched.handlingDue())).isBetween(Duration.ofHours(86), Duration.ofHours(87));
        assertThat(open(caseId)).containsExactly("respond");
        assertThatThrownBy(() -> complete(caseId, "respond", "qsec2", Map.of("response", "x")))
                .isInstanceOf(ForbiddenException.class);

        handle(caseId, "qsec1", true);
        assertThat(complaints.track(code).canEvaluate()).isTrue();
        assertThat(complaints.track(code).reply()).isEqualTo("路灯已修好，感谢监督");
        complaints.evaluate(code, "SATISFIED", "很快", ZH);

        assertThat(cases.view(caseId, "qaudit").status()).isEqualTo(CaseStatus.COMPLETED);
        assertThat(complaints.track(code).status()).isEqualTo("CLOSED");
        assertThat(complaints.view(caseId, "qdisp").rating()).isEqualTo("SATISFIED");
        byte[] pdf = closures.pdf(caseId, "qaudit");
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        assertThat(closures.pdf(caseId, "qaudit")).as("issued once, then served").isEqualTo(pdf);
        String text = cn.xianfeng.evidence.PdfText.assertNoInternalCodes(pdf, "Q", "Q-T", "Q-T-B1", "Q-T-B2");
        assertThat(text).contains("社区服务").contains("满意").doesNotContain(code);
    }

    @Test
    void aComplaintResolvedInTimeAndRatedSatisfiedEarnsItsBranchAndTheCoHandlerPoints() {
        String code = file("INFRASTRUCTURE", null, false);
        String caseId = caseOf(code);
        dispatch(caseId, "Q-T-B1", List.of("Q-T-B2"), "需第二社区配合");
        complete(caseId, "respond", "qsec1", Map.of("response", "已联系"));
        complete(caseId, "handle", "qsec1", Map.of("result", "RESOLVED", "handling", "已更换路灯"));
        complete(caseId, "coHandle", "qsec2", Map.of("coHandling", "配合排查线路"));
        complete(caseId, "reply", "qsec1", Map.of("reply", "路灯已修好"));
        complaints.evaluate(code, "SATISFIED", "满意", ZH);
        points.catchUp();
        int year = java.time.LocalDate.ofInstant(time.now(), zone()).getYear();
        // points.dmn: handled by its due date 2 and rated satisfied 3 for the handling branch; co-handling 2 for its secretary
        assertThat(trends.entries("Q-T-B1", year, null, "qaudit").entries()).filteredOn(e -> caseId.equals(e.caseId()))
                .extracting(cn.xianfeng.points.AppraisalTypes.DrillEntry::rule)
                .containsExactlyInAnyOrder("complaintResolved", "complaintSatisfied");
        assertThat(points.member("qsec2", year, "qaudit").entries()).filteredOn(e -> caseId.equals(e.caseId()))
                .singleElement().satisfies(e -> {
                    assertThat(e.rule()).isEqualTo("complaintCoHandled");
                    assertThat(e.category()).isEqualTo("COMPLAINT");
                    assertThat(e.rawPoints()).isEqualTo(2);
                });
        assertThat(trends.entries("Q-T-B2", year, null, "qaudit").entries()).as("co-handling earns the member, not the branch")
                .noneMatch(e -> caseId.equals(e.caseId()) && e.branch());
    }

    @Test
    void theDispatcherMayOverrideTheRouteWithAReason() {
        String caseId = caseOf(file("INFRASTRUCTURE", null, false));
        assertThat(complaints.view(caseId, "qdisp").routeOrgType()).isEqualTo("COMMITTEE");

        assertThatThrownBy(() -> dispatch(caseId, "Q-T-B1", List.of(), null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(InvalidInputException.Violation::field).containsExactly("data.overrideReason"));
        assertThatThrownBy(() -> dispatch(caseId, "NOWHERE", List.of(), "x"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(InvalidInputException.Violation::field).contains("data.handlerOrg"));
        assertThat(open(caseId)).containsExactly("dispatch");

        dispatch(caseId, "Q-T-B1", List.of(), "路灯归社区管理");
        assertThat(complaints.view(caseId, "qdisp").overridden()).isTrue();
        assertThat(cases.view(caseId, "qaudit").current().get(0).candidates()).containsExactly("SECRETARY@Q-T-B1");
    }

    @Test
    void twoOrgsCoHandleInParallelAndTheReplyWaitsForBoth() {
        String caseId = caseOf(file("INFRASTRUCTURE", null, false));
        dispatch(caseId, "Q-T", List.of("Q-T-B2", "Q-T-B3"), null);
        complete(caseId, "respond", "qtsec", Map.of("response", "已联系"));
        assertThat(open(caseId)).containsExactlyInAnyOrder("handle", "coHandle", "coHandle");
        assertThat(cases.view(caseId, "qaudit").current().stream().filter(s -> s.stepId().equals("coHandle"))
                .flatMap(s -> s.candidates().stream())).containsExactlyInAnyOrder("SECRETARY@Q-T-B2", "SECRETARY@Q-T-B3");

        complete(caseId, "handle", "qtsec", Map.of("result", "RESOLVED", "handling", "街道协调施工"));
        assertThat(open(caseId)).containsOnly("coHandle");
        complete(caseId, "coHandle", "qsec2", Map.of("coHandling", "配合排查线路"));
        assertThat(open(caseId)).containsExactly("coHandle");
        complete(caseId, "coHandle", "qsec3", Map.of("coHandling", "配合疏导交通"));
        assertThat(open(caseId)).containsExactly("reply");
        assertThat(complaints.view(caseId, "qdisp").coOrgs()).containsExactly("Q-T-B2", "Q-T-B3");
    }

    @Test
    void aCoHandlingOrgMustBeAnotherOrgOfTheCommittee() {
        String caseId = caseOf(file("INFRASTRUCTURE", null, false));
        assertThatThrownBy(() -> dispatch(caseId, "Q-T", List.of("Q-T"), null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(InvalidInputException.Violation::field).containsExactly("data.coOrgs"));
    }

    @Test
    void dissatisfiedReopensOnceThenSatisfiedCloses() {
        String code = file("COMMUNITY_SERVICE", null, false);
        String caseId = caseOf(code);
        dispatch(caseId, "Q-T-B1", List.of(), null);
        handle(caseId, "qsec1", true);
        complaints.evaluate(code, "DISSATISFIED", "没修好", ZH);

        assertThat(open(caseId)).containsExactly("handle");
        assertThat(complaints.track(code).status()).isEqualTo("HANDLING");
        handle(caseId, "qsec1", false);
        complaints.evaluate(code, "BASICALLY_SATISFIED", null, ZH);

        assertThat(cases.view(caseId, "qaudit").status()).isEqualTo(CaseStatus.COMPLETED);
        ComplaintView v = complaints.view(caseId, "qdisp");
        assertThat(v.dissatisfiedCount()).isEqualTo(1);
        assertThat(v.escalated()).isFalse();
        assertThat(v.rating()).isEqualTo("BASICALLY_SATISFIED");
    }

    @Test
    void dissatisfiedTwiceGoesToTheHigherCommittee() {
        String code = file("COMMUNITY_SERVICE", null, false);
        String caseId = caseOf(code);
        dispatch(caseId, "Q-T-B1", List.of(), null);
        handle(caseId, "qsec1", true);
        complaints.evaluate(code, "DISSATISFIED", null, ZH);
        handle(caseId, "qsec1", false);
        complaints.evaluate(code, "DISSATISFIED", "还是没修好", ZH);

        assertThat(open(caseId)).containsExactly("review");
        assertThat(cases.view(caseId, "qaudit").current().get(0).candidates()).containsExactly("COMMITTEE_REVIEWER@Q-T");
        assertThat(complaints.track(code).status()).isEqualTo("ESCALATED");
        assertThat(complaints.view(caseId, "qdisp").escalated()).isTrue();
        complete(caseId, "review", "qrev", Map.of("conclusion", "督促更换全部路灯", "reply", "街道已督办，全部更换"));
        assertThat(cases.view(caseId, "qaudit").status()).isEqualTo(CaseStatus.COMPLETED);
        assertThat(complaints.track(code).reply()).isEqualTo("街道已督办，全部更换");
    }

    @Test
    void overdueResponseAndOverdueHandlingEscalateToTheHigherCommittee() {
        String caseId = caseOf(file("COMMUNITY_SERVICE", null, false));
        dispatch(caseId, "Q-T-B1", List.of(), null);
        ComplaintView v = complaints.view(caseId, "qdisp");

        time.moveTo(v.respondDue().plusSeconds(60));
        CurrentStep respond = cases.view(caseId, "qaudit").current().get(0);
        assertThat(respond.stepId()).isEqualTo("respond");
        assertThat(respond.overdue()).isTrue();
        assertThat(respond.escalatedTo()).isEqualTo("Q-T");
        assertThat(respond.candidates()).contains("SECRETARY@Q-T-B1", "COMMITTEE_REVIEWER@Q-T");
        assertThat(cases.history(caseId, "qaudit")).anyMatch(h -> h.action().equals("ESCALATED") && "respond".equals(h.stepId()));

        complete(caseId, "respond", "qsec1", Map.of("response", "迟到的响应"));
        assertThat(cases.view(caseId, "qaudit").current().get(0).escalatedTo()).isNull();
        time.moveTo(v.handlingDue().plusSeconds(60));
        CurrentStep handle = cases.view(caseId, "qaudit").current().get(0);
        assertThat(handle.stepId()).isEqualTo("handle");
        assertThat(handle.escalatedTo()).isEqualTo("Q-T");
        ComplaintView after = complaints.view(caseId, "qdisp");
        assertThat(after.respondedAt()).isAfter(after.respondDue());
        assertThat(jdbc.sql("select respond_escalated and handle_escalated from complaint where case_id = ?")
                .param(caseId).query(Boolean.class).single()).isTrue();
    }
}
