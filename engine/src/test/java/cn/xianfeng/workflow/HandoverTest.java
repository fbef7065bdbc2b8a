package cn.xianfeng.workflow;

import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.workflow.WorkflowTypes.SignPosition;
import cn.xianfeng.workflow.WorkflowTypes.TaskAction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** 委派 end to end and 转办 to whoever could hold the step, with the refusals issue 14 item 12 found. */
class HandoverTest extends TaskCenterSupport {

    @Test
    void aDelegatedTaskStaysWithItsOwnerComesBackWithAnOpinionAndIsCompletedByTheOwner() throws Exception {
        String caseId = report("member1", "委派测试");
        String review = step(caseId).taskId();

        operations.delegate(review, "member2", "请核实报告内容", "sec1");

        assertThat(todo("sec1")).as("the owner keeps it, as 委派中").anySatisfy(t -> {
            assertThat(t.id()).isEqualTo(review);
            assertThat(t.delegatedBy()).isEqualTo("sec1");
            assertThat(t.assignee()).isEqualTo("member2");
        });
        assertThat(todo("member2")).anyMatch(t -> t.id().equals(review) && "sec1".equals(t.delegatedBy()));
        assertThat(awaitNotice("member2", "DELEGATED", caseId).text()).contains("支书一").contains("请核实报告内容");

        // the delegate may only hand it back: no 提交 (it was a 500), no 退回, 转办, 委派 or 加签 of the owner's task
        assertThat(tasks.get(review, "member2").allowed()).containsExactlyInAnyOrder(TaskAction.RESOLVE, TaskAction.COMMENT);
        assertThatThrownBy(() -> tasks.complete(review, Map.of("decision", "APPROVE"), null, "member2", Locale.CHINA))
                .isInstanceOf(ConflictException.class).hasMessageContaining("办完交回");
        assertThatThrownBy(() -> operations.transfer(review, "tccom", "x", "member2")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> operations.returnTo(review, "review", "x", "member2")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> operations.delegate(review, "tccom", "x", "member2")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> coSigners.add(review, List.of("tccom"), SignPosition.BEFORE, "x", "member2"))
                .isInstanceOf(ConflictException.class);
        // and the owner waits for it to come back
        assertThat(tasks.get(review, "sec1").allowed()).containsExactly(TaskAction.COMMENT);
        assertThatThrownBy(() -> tasks.complete(review, Map.of("decision", "APPROVE"), null, "sec1", Locale.CHINA))
                .isInstanceOf(ConflictException.class).hasMessageContaining("党员二");
        assertThatThrownBy(() -> operations.resolve(review, "x", "sec1")).isInstanceOf(ConflictException.class);

        operations.resolve(review, "已核实，情况属实", "member2");

        assertThat(awaitNotice("sec1", "RESOLVED", caseId).text()).contains("党员二").contains("已核实，情况属实");
        assertThat(step(caseId).assignee()).isEqualTo("sec1");
        assertThat(todo("sec1")).anyMatch(t -> t.id().equals(review) && t.delegatedBy() == null);
        assertThatThrownBy(() -> tasks.get(review, "member2")).as("handed back: no longer theirs")
                .isInstanceOf(ForbiddenException.class);
        assertThat(tasks.get(review, "sec1").allowed()).contains(TaskAction.COMPLETE).doesNotContain(TaskAction.RESOLVE);

        tasks.complete(review, Map.of("decision", "APPROVE"), "同意", "sec1", Locale.CHINA);
        assertThat(step(caseId).stepId()).isEqualTo("archive");
        var delegated = last(caseId, "TASK_DELEGATED");
        assertThat(delegated.data()).containsEntry("from", "sec1").containsEntry("to", "member2");
        assertThat(delegated.comment()).isEqualTo("请核实报告内容");
        var resolved = last(caseId, "TASK_RESOLVED");
        assertThat(resolved.actor()).isEqualTo("member2");
        assertThat(resolved.data()).containsEntry("from", "member2").containsEntry("to", "sec1");
        assertThat(resolved.comment()).isEqualTo("已核实，情况属实");
        assertThat(last(caseId, "TASK_COMPLETED").actor()).isEqualTo("sec1");
    }

    @Test
    void aDelegateIsAPartyMemberOfTheOwnersOrgAndNeverTheCasesOwnPeople() {
        String caseId = report("member1", "委派限制");
        String review = step(caseId).taskId();
        assertThatThrownBy(() -> operations.delegate(review, "member1", "请核实", "sec1"))
                .as("the filer reviewing their own report").isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("发起人");
        assertThatThrownBy(() -> operations.delegate(review, "sec2", "请核实", "sec1"))
                .as("another branch").isInstanceOf(InvalidInputException.class).hasMessageContaining("本组织");
        assertThatThrownBy(() -> operations.delegate(review, "tcapp", "请核实", "sec1"))
                .as("an applicant").isInstanceOf(InvalidInputException.class).hasMessageContaining("党员");
        assertThatThrownBy(() -> operations.delegate(review, "sec1", "请核实", "sec1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> operations.delegate(review, "nobody-here", "请核实", "sec1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> operations.delegate(review, "member2", " ", "sec1"))
                .as("a reason is required").isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> operations.delegate(review, "member2", "请核实", "sec2")).isInstanceOf(ForbiddenException.class);
        assertThat(step(caseId).assignee()).as("refusals change nothing").isNull();
        assertThat(actions(caseId)).doesNotContain("TASK_DELEGATED", "TASK_CLAIMED");
    }

    @Test
    void transferGoesToWhoeverCouldHoldTheStepsRoleInItsOrgOrAboveWithFromAndToInTheHistory() throws Exception {
        String caseId = report("member1", "转办测试");
        String review = step(caseId).taskId();
        assertThat(tasks.get(review, "sec1").allowed()).contains(TaskAction.TRANSFER, TaskAction.DELEGATE, TaskAction.ADD_SIGNERS);

        assertThatThrownBy(() -> operations.transfer(review, "member2", "出差", "sec1"))
                .as("no role").isInstanceOf(InvalidInputException.class).hasMessageContaining("相应职务");
        assertThatThrownBy(() -> operations.transfer(review, "sec2", "出差", "sec1"))
                .as("a sibling branch's secretary").isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> operations.transfer(review, "reviewer", "出差", "sec1"))
                .as("a reviewer is not the branch's leadership").isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> operations.transfer(review, "tccom", "", "sec1")).isInstanceOf(InvalidInputException.class);

        operations.transfer(review, "tccom", "本周出差，请支委办理", "sec1");

        assertThat(step(caseId).assignee()).isEqualTo("tccom");
        assertThat(todo("sec1")).noneMatch(t -> t.id().equals(review));
        assertThat(awaitNotice("tccom", "TRANSFERRED", caseId).text()).contains("本周出差");
        var transferred = last(caseId, "TASK_TRANSFERRED");
        assertThat(transferred.data()).containsEntry("from", "sec1").containsEntry("to", "tccom");
        assertThat(transferred.comment()).isEqualTo("本周出差，请支委办理");
        assertThatThrownBy(() -> tasks.complete(review, Map.of("decision", "APPROVE"), null, "sec1", Locale.CHINA))
                .isInstanceOf(ConflictException.class);
        tasks.complete(review, Map.of("decision", "APPROVE"), null, "tccom", Locale.CHINA);

        // the township's archive goes up to a reviewer of the county committee above, not down to a branch
        String archive = step(caseId).taskId();
        assertThatThrownBy(() -> operations.transfer(archive, "sec1", "x", "reviewer")).isInstanceOf(InvalidInputException.class);
        operations.transfer(archive, "tcrev", "请县委组织员归档", "reviewer");
        assertThat(step(caseId).assignee()).isEqualTo("tcrev");
    }

    @Test
    void nobodyIsHandedAStepOfTheirOwnCase() {
        String caseId = report("tccom", "支委自己的报告");
        String review = step(caseId).taskId();
        assertThatThrownBy(() -> operations.transfer(review, "tccom", "出差", "sec1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("发起人");
        assertThatThrownBy(() -> coSigners.add(review, List.of("tccom"), SignPosition.BEFORE, "请把关", "sec1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("发起人");
        assertThatThrownBy(() -> operations.delegate(review, "tccom", "请核实", "sec1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("发起人");
    }

    @Test
    void unclaimGivesTheStepBackToItsCandidatesAndIsOfferedOnlyToWhoClaimedIt() {
        String caseId = report("member1", "取消签收");
        String review = step(caseId).taskId();
        assertThat(tasks.get(review, "sec1").allowed()).contains(TaskAction.CLAIM).doesNotContain(TaskAction.UNCLAIM);
        assertThatThrownBy(() -> tasks.unclaim(review, "sec1")).isInstanceOf(ConflictException.class);
        tasks.claim(review, "sec1");
        assertThat(tasks.get(review, "sec1").allowed()).contains(TaskAction.UNCLAIM).doesNotContain(TaskAction.CLAIM);
        assertThatThrownBy(() -> tasks.unclaim(review, "member2")).isInstanceOf(ForbiddenException.class);

        tasks.unclaim(review, "sec1");

        assertThat(step(caseId).assignee()).isNull();
        assertThat(actions(caseId)).contains("TASK_CLAIMED", "TASK_UNCLAIMED");
        assertThat(todo("sec1")).anyMatch(t -> t.id().equals(review) && t.assignee() == null);
    }

    @Test
    void aCommentOnATaskIsRecordedAndReadersCannotComment() {
        String caseId = report("member1", "任务评论");
        String review = step(caseId).taskId();
        tasks.comment(review, "请补充附件后再审", "sec1");
        assertThat(last(caseId, "COMMENTED").comment()).isEqualTo("请补充附件后再审");
        assertThatThrownBy(() -> tasks.comment(review, "x", "auditor")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> tasks.comment(review, "  ", "sec1")).isInstanceOf(InvalidInputException.class);
    }

    /** Issue 15 item 7 on the report: the options say what they do, and a completion says what it did. */
    @Test
    void theReviewsOptionsSayWhatTheyDoAndTheCompletionSaysWhatHappened() {
        String caseId = report("member1", "标签测试");
        String review = step(caseId).taskId();
        var labels = tasks.get(review, "sec1").form().field("decision").orElseThrow().options().stream()
                .map(o -> o.label().zh()).toList();
        assertThat(labels).containsExactly("同意，转「上级党委归档」", "不同意，不予通过，流程结束");
        assertThat(cases.formOf("report", "review").field("decision").orElseThrow().options().get(1).label().zh())
                .as("the history labels recorded values the same way").isEqualTo("不同意，不予通过，流程结束");

        var approved = tasks.complete(review, Map.of("decision", "APPROVE"), null, "sec1", Locale.CHINA);
        assertThat(approved.status()).isEqualTo(CaseStatus.ACTIVE);
        assertThat(approved.next()).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("上级党委归档");
            assertThat(n.repeated()).isFalse();
        });
        operations.returnTo(step(caseId).taskId(), "review", "请补充", "reviewer");
        var again = tasks.complete(step(caseId).taskId(), Map.of("decision", "REJECT", "reason", "不实"), null, "sec1",
                Locale.CHINA);
        assertThat(again.status()).isEqualTo(CaseStatus.REJECTED);
        assertThat(again.next()).isEmpty();
    }
}
