package cn.xianfeng.transfer;

import cn.xianfeng.TestDues;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.workflow.CaseStatus;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The routes a transfer takes, and the member's record moving with the case that completes. */
class TransferJourneyTest extends TransferTestSupport {

    @org.springframework.beans.factory.annotation.Autowired cn.xianfeng.points.Points points;
    @org.springframework.beans.factory.annotation.Autowired cn.xianfeng.points.PointsTrends trends;

    @Test
    void acrossCommitteesTheMemberMovesWhenTheReceiptClosesTheCaseAndTheOldAuditorsStillSeeIt() {
        String member = member();
        String id = toReceivingCommittee(member);
        assertThatThrownBy(() -> cases.view(id, "auditor-u")).as("not yet the new org's business")
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> complete(id, "receivingCommittee", "reviewer", approve()))
                .as("the issuing committee does not decide for the receiving one").isInstanceOf(ForbiddenException.class);
        complete(id, "receivingCommittee", "reviewer2", approve());
        complete(id, "receivingBranch", "sec3", approve("group", "K-U-B1-G1"));
        complete(id, "reportIn", member, Map.of("reportDate", LocalDate.now(clock).toString()));
        assertThat(people.get(member).orgCode()).as("moves only when the receipt closes the loop").isEqualTo("K-T-B1");
        complete(id, "receipt", "reviewer", Map.of("receiptDate", LocalDate.now(clock).toString()));

        assertThat(cases.view(id, "admin").status()).isEqualTo(CaseStatus.COMPLETED);
        assertThat(people.get(member).orgCode()).isEqualTo("K-U-B1-G1");
        assertThat(cases.view(id, "auditor-t").orgCode()).as("owned by the org it started in").isEqualTo("K-T-B1");
        assertThatThrownBy(() -> cases.view(id, "auditor-u")).as("visibility follows the org the case was filed in, "
                + "not where its member lives now").isInstanceOf(NotFoundException.class);
        assertThat(cases.view(id, "reviewer2").id()).as("who worked on a step of it still sees it").isEqualTo(id);
        assertThat(cases.view(id, "sec3").id()).isEqualTo(id);
        assertThat(cases.history(id, "auditor-t")).anyMatch(h -> h.action().equals("MEMBER_MOVED"));
        assertThat(transfers.of(id, "admin").open()).isFalse();
        assertThat(transfers.of(id, "admin").receiptOn()).isEqualTo(LocalDate.now(clock));
    }

    @Test
    void insideOneCommitteeTheCommitteeStepsAreSkippedAndReportingInCompletes() {
        String member = member();
        String id = start(member, "K-T-B2", null);
        assertThat(transfers.of(id, member).moveKind()).as("derived from the tree").isEqualTo("WITHIN_COMMITTEE");
        complete(id, "outgoingCheck", "sec1", approve());
        complete(id, "issueLetter", "reviewer", approve());
        assertThat(currentSteps(id)).containsExactly("receivingBranch");
        complete(id, "receivingBranch", "sec2", approve());
        complete(id, "reportIn", "sec2", Map.of("reportDate", LocalDate.now(clock).toString()));

        assertThat(cases.view(id, "admin").status()).isEqualTo(CaseStatus.COMPLETED);
        assertThat(people.get(member).orgCode()).isEqualTo("K-T-B2");
        assertThat(cases.history(id, "admin")).noneMatch(h -> "receivingCommittee".equals(h.stepId()) || "receipt".equals(h.stepId()));

        // each branch handled its step within its 7 days: transferOnTime for both (points.dmn)
        points.catchUp();
        int year = LocalDate.now(clock).getYear();
        for (String branch : java.util.List.of("K-T-B1", "K-T-B2")) {
            assertThat(trends.entries(branch, year, null, "admin").entries()).as(branch)
                    .filteredOn(e -> id.equals(e.caseId()) && e.branch())
                    .extracting(cn.xianfeng.points.AppraisalTypes.DrillEntry::rule).containsExactly("transferOnTime");
        }
    }

    @Test
    void outsideXianfengEndsWithTheReceiptRecordedByHandAndTheMemberTransferredOut() {
        String member = member();
        String id = cases.start(new StartCase("relation-transfer", null, Map.of("member", member, "moveKind", "OUTSIDE_XIANFENG",
                "toOrgName", "外省某市某街道党工委", "reason", "迁居外省")), "sec1", ZH).id();
        complete(id, "outgoingCheck", "sec1", approve());
        complete(id, "issueLetter", "reviewer", approve());
        assertThat(transfers.of(id, "admin").validUntil()).as("90 days outside").isEqualTo(LocalDate.now(clock).plusDays(90));
        complete(id, "receiptByHand", "reviewer", Map.of("receiptDate", LocalDate.now(clock).toString(),
                "receivedFrom", "外省某市某街道党工委"));
        assertThat(cases.view(id, "admin").status()).isEqualTo(CaseStatus.COMPLETED);
        assertThat(people.get(member).status()).isEqualTo(MemberStatus.TRANSFERRED_OUT);
        assertThat(people.get(member).orgCode()).isEqualTo("K-T-B1");
    }

    @Test
    void theReceivingCommitteeRejectsWithAReasonAndTheLetterBecomesVoid() {
        String member = member();
        String id = toReceivingCommittee(member);
        String code = letterCode(id);
        assertThatThrownBy(() -> complete(id, "receivingCommittee", "reviewer2", Map.of("decision", "REJECT")))
                .isInstanceOf(InvalidInputException.class);
        complete(id, "receivingCommittee", "reviewer2", Map.of("decision", "REJECT", "reason", "接收单位无此岗位"));

        assertThat(cases.view(id, member).status()).isEqualTo(CaseStatus.REJECTED);
        assertThat(people.get(member).orgCode()).isEqualTo("K-T-B1");
        assertThat(documents.verify(code).isVoid()).isTrue();
        assertThat(documents.verify(code).voidReason()).contains("接收单位无此岗位");
        assertThat(start(member, "K-U-B1", null)).as("a closed transfer no longer blocks a new one").isNotBlank();
    }

    @Test
    void aSecondOpenTransferIsRefusedAndOnlyTheMemberOrTheirSecretaryMayApply() {
        String member = member();
        start(member, "K-U-B1", null);
        assertThatThrownBy(() -> start(member, "K-T-B2", null)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("已有进行中的组织关系转接");
        String other = member();
        assertThatThrownBy(() -> cases.start(new StartCase("relation-transfer", null, Map.of("member", other,
                "toOrgCode", "K-U-B1", "reason", "代为申请")), "sec2", ZH))
                .as("another branch's secretary cannot pick the member").isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("data.member");
        assertThatThrownBy(() -> start(other, "K-T-B1", null)).as("its own branch")
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> start(other, "K-T-B2", "ACROSS_PROVINCE")).as("kind disagrees with the tree")
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theOutgoingCheckReadsTheLedgerRefusingWhileBehindAndTheLetterPrintsTheLedgersMonth() throws Exception {
        String member = behindMember();
        java.time.YearMonth now = java.time.YearMonth.now(clock);
        assertThatThrownBy(() -> cases.start(new StartCase("relation-transfer", null, Map.of("toOrgCode", "K-U-B1",
                "reason", "工作调动", "duesPaidUntil", now.toString())), member, ZH))
                .as("a month typed by the client is refused, never trusted").isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations())
                        .anyMatch(v -> v.field().equals("data.duesPaidUntil")));
        String id = start(member, "K-U-B1", null);
        assertThatThrownBy(() -> complete(id, "outgoingCheck", "sec1", approve())).as("no dues on the ledger")
                .isInstanceOf(ConflictException.class).hasMessageContaining(now.toString());

        TestDues.base(bases, member, now.minusMonths(3));
        TestDues.payUntil(ledger, member, now.minusMonths(1), clock);
        assertThatThrownBy(() -> complete(id, "outgoingCheck", "sec1", approve())).as("the ledger is a month behind")
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("党费账上仅交至 " + now.minusMonths(1)).hasMessageContaining(now.toString());
        assertThat(currentSteps(id)).containsExactly("outgoingCheck");

        TestDues.payUntil(ledger, member, now.plusMonths(2), clock);
        complete(id, "outgoingCheck", "sec1", approve());
        assertThat(currentSteps(id)).containsExactly("issueLetter");
        complete(id, "issueLetter", "reviewer", approve());
        assertThat(transfers.of(id, "admin").duesPaidUntil()).as("the ledger's month, paid ahead")
                .isEqualTo(now.plusMonths(2).toString());
        java.time.YearMonth ahead = now.plusMonths(2);
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(transfers.letter(id, "admin").pdf())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf))
                    .contains("该同志党费已交到 " + ahead.getYear() + "年" + ahead.getMonthValue() + "月");
        }
    }
}
