package cn.xianfeng.workflow;

import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.workflow.WorkflowTypes.CaseAction;
import cn.xianfeng.workflow.WorkflowTypes.MyCase;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.flowable.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** 我发起的, 撤销 while nobody else has acted, comments on a case, case titles, and what a case's page offers. */
class CaseActionsTest extends TaskCenterSupport {

    @Autowired TaskService flowableTasks;

    private MyCase mine(String who, String caseId) {
        return caseActions.mine(who, 0, 100).items().stream().filter(c -> c.id().equals(caseId)).findFirst()
                .orElseThrow(() -> new AssertionError(caseId + " is not among " + who + "'s cases"));
    }

    @Test
    void myCasesShowWhereEachStandsAndWhoOwesItAndReportsAreToldApartByTitle() {
        String caseId = report("member2", "第四季度学习情况");
        MyCase mine = mine("member2", caseId);
        assertThat(mine.subject()).isEqualTo("情况报告 · 第四季度学习情况（党员二）");
        assertThat(mine.status()).isEqualTo(CaseStatus.ACTIVE);
        assertThat(mine.current()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("支部书记审核");
            assertThat(s.candidates()).containsExactly("SECRETARY@K-T-B1");
        });
        assertThat(mine.cancellable()).isTrue();
        assertThat(caseActions.mine("sec1", 0, 100).items()).noneMatch(c -> c.id().equals(caseId));
        long total = caseActions.mine("member2", 0, 1).total();
        assertThat(total).isGreaterThanOrEqualTo(1);
        assertThat(caseActions.mine("member2", 0, 1).items()).hasSize(1);
        assertThat(caseActions.mine("member2", Integer.MAX_VALUE, 200).items()).as("no overflow").isEmpty();
    }

    @Test
    void theStarterCancelsWhileNobodyElseHasActedAndThoseWhoOwedItAreTold() throws Exception {
        String caseId = report("member1", "撤销测试");
        assertThat(caseActions.offered(caseId, "member1").actions()).contains(CaseAction.CANCEL, CaseAction.COMMENT)
                .doesNotContain(CaseAction.WITHDRAW);
        assertThat(caseActions.offered(caseId, "sec1").actions()).doesNotContain(CaseAction.CANCEL);
        assertThatThrownBy(() -> caseActions.cancel(caseId, "填错了", "sec1")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> caseActions.cancel(caseId, "填错了", "sec2")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> caseActions.cancel(caseId, " ", "member1")).isInstanceOf(InvalidInputException.class);
        assertThat(cases.view(caseId, "admin").status()).isEqualTo(CaseStatus.ACTIVE);

        caseActions.cancel(caseId, "报告内容填错，重新提交", "member1");

        assertThat(cases.view(caseId, "member1").status()).isEqualTo(CaseStatus.CANCELLED);
        assertThat(flowableTasks.createTaskQuery().processInstanceId(caseId).count()).isZero();
        assertThat(last(caseId, "CASE_CANCELLED").comment()).isEqualTo("报告内容填错，重新提交");
        assertThat(awaitNotice("sec1", "CANCELLED", caseId).text()).contains("撤销测试").contains("重新提交");
        assertThat(mine("member1", caseId).cancellable()).isFalse();
        assertThatThrownBy(() -> caseActions.cancel(caseId, "again", "member1")).isInstanceOf(ConflictException.class);
    }

    @Test
    void onceSomeoneElseActedTheStarterCannotCancel() {
        String claimed = report("member1", "已签收不能撤销");
        tasks.claim(step(claimed).taskId(), "sec1");
        assertThat(mine("member1", claimed).cancellable()).isFalse();
        assertThat(caseActions.offered(claimed, "member1").actions()).doesNotContain(CaseAction.CANCEL);
        assertThatThrownBy(() -> caseActions.cancel(claimed, "不想报了", "member1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("他人");

        String commented = report("member1", "已评论不能撤销");
        caseActions.comment(commented, "请补充材料", "sec1");
        assertThatThrownBy(() -> caseActions.cancel(commented, "不想报了", "member1")).isInstanceOf(ConflictException.class);
    }

    @Test
    void commentsComeFromThoseWhoTakePartNotFromReaders() {
        String caseId = report("member1", "案件评论");
        caseActions.comment(caseId, "已补充附件，请审核", "member1");
        caseActions.comment(caseId, "收到", "sec1");
        assertThat(cases.history(caseId, "admin")).filteredOn(h -> h.action().equals("COMMENTED"))
                .extracting(WorkflowTypes.HistoryEntry::comment).containsExactly("已补充附件，请审核", "收到");
        assertThatThrownBy(() -> caseActions.comment(caseId, "x", "auditor")).as("read-only")
                .isInstanceOf(ForbiddenException.class);
        assertThat(caseActions.offered(caseId, "auditor").actions()).doesNotContain(CaseAction.COMMENT);
        assertThatThrownBy(() -> caseActions.comment(caseId, "x", "sec2")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> caseActions.comment(caseId, "\u0000", "sec1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> caseActions.comment(caseId, "长".repeat(2001), "sec1")).isInstanceOf(InvalidInputException.class);
        caseActions.cancel(report("member1", "已结束"), "x", "member1");
    }

    @Test
    void theCasePageOffersTheStepLinkOnlyToWhoMayOpenIt() {
        String caseId = report("member1", "环节链接");
        String review = step(caseId).taskId();
        assertThat(caseActions.offered(caseId, "sec1").openTasks()).containsExactly(review);
        assertThat(caseActions.offered(caseId, "member1").openTasks()).isEmpty();
        assertThat(caseActions.offered(caseId, "auditor").openTasks()).isEmpty();
        assertThat(caseActions.offered(caseId, "member1").remindTasks()).containsExactly(review);
        assertThat(caseActions.offered(caseId, "sec1").remindTasks()).as("nobody reminds themselves").isEmpty();
        tasks.complete(review, Map.of("decision", "APPROVE"), null, "sec1", Locale.CHINA);
        assertThat(caseActions.offered(caseId, "sec1").actions()).contains(CaseAction.WITHDRAW);
        assertThat(caseActions.offered(caseId, "member1").actions()).doesNotContain(CaseAction.WITHDRAW, CaseAction.CANCEL);
    }

    @org.springframework.beans.factory.annotation.Autowired
    cn.xianfeng.dues.DuesBases bases;
    @org.springframework.beans.factory.annotation.Autowired
    cn.xianfeng.dues.DuesLedger ledger;

    @Test
    void aRelationTransferIsTitledWithWhoGoesWhere() {
        cn.xianfeng.TestDues.paidUp(bases, ledger, "member2", clock);
        String caseId = cases.start(new StartCase("relation-transfer", null, Map.of("member", "member2",
                "toOrgCode", "K-T-B2", "reason", "工作调动")),
                "member2", Locale.CHINA).id();
        assertThat(mine("member2", caseId).subject()).isEqualTo("组织关系转接 · 党员二 → 第二党支部");
        caseActions.cancel(caseId, "调动取消", "member2");
        String again = cases.start(new StartCase("relation-transfer", null, Map.of("member", "member2",
                "toOrgCode", "K-T-B2", "reason", "工作调动")),
                "member2", Locale.CHINA).id();
        assertThat(again).as("a cancelled transfer no longer blocks a new one").isNotEqualTo(caseId);
        caseActions.cancel(again, "调动取消", "member2");
    }
}
