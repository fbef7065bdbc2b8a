package cn.xianfeng.workflow;

import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.workflow.WorkflowTypes.Completion;
import cn.xianfeng.workflow.WorkflowTypes.SignPosition;
import cn.xianfeng.workflow.WorkflowTypes.SignerState;
import cn.xianfeng.workflow.WorkflowTypes.TaskAction;
import org.flowable.engine.HistoryService;
import org.flowable.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * 加签 / 减签 on a real engine: BEFORE (the owner waits for the signatures), AFTER (the signers sign the owner's
 * submission, which takes effect when all agree and goes back on a 不同意), PARALLEL (whichever comes last
 * completes the step), removing a signer, and who may do what.
 */
class CoSignersTest extends TaskCenterSupport {

    private static final Map<String, Object> APPROVE = Map.of("decision", "APPROVE");
    private static final Map<String, Object> AGREE = Map.of("decision", "APPROVE");

    @Autowired TaskService flowableTasks;
    @Autowired HistoryService history;
    @Autowired org.flowable.engine.RuntimeService runtime;

    private Completion complete(String taskId, Map<String, Object> data, String who) {
        return tasks.complete(taskId, data, null, who, Locale.CHINA);
    }

    @Test
    void beforeTheOwnerWaitsForTheSignaturesThenDecidesSeeingThem() throws Exception {
        String caseId = report("member1", "前加签");
        String review = step(caseId).taskId();

        coSigners.add(review, List.of("tccom"), SignPosition.BEFORE, "请支委先把关", "sec1");

        assertThat(step(caseId).assignee()).as("the holder claimed it").isEqualTo("sec1");
        assertThat(tasks.get(review, "sec1").allowed()).doesNotContain(TaskAction.COMPLETE, TaskAction.TRANSFER,
                TaskAction.DELEGATE, TaskAction.RETURN, TaskAction.UNCLAIM).contains(TaskAction.REMOVE_SIGNER);
        assertThatThrownBy(() -> complete(review, APPROVE, "sec1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("支委甲");
        var sign = signTaskOf("tccom", caseId);
        assertThat(sign.stepId()).isEqualTo("review");
        assertThat(todo("sec1")).anyMatch(t -> t.id().equals(review) && t.signing());
        assertThat(awaitNotice("tccom", "SIGN_REQUESTED", caseId).text()).contains("请支委先把关");
        var detail = tasks.get(sign.id(), "tccom");
        assertThat(detail.form().key()).isEqualTo("task-sign");
        assertThat(detail.sign().position()).isEqualTo(SignPosition.BEFORE);
        assertThat(detail.sign().addedBy()).isEqualTo("sec1");
        assertThat(detail.allowed()).containsExactlyInAnyOrder(TaskAction.COMPLETE, TaskAction.COMMENT);
        assertThatThrownBy(() -> complete(sign.id(), Map.of("decision", "REJECT"), "tccom"))
                .as("不同意 needs a reason").isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> complete(sign.id(), AGREE, "sec1")).isInstanceOf(ForbiddenException.class);

        Completion signed = complete(sign.id(), Map.of("decision", "REJECT", "reason", "材料不全"), "tccom");

        assertThat(signed.signed()).isTrue();
        assertThat(awaitNotice("sec1", "SIGNERS_SIGNED", caseId).text()).contains("请您办理");
        assertThat(tasks.get(review, "sec1").signers()).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(SignerState.DISAGREED));
        assertThat(flowableTasks.createTaskQuery().taskId(sign.id()).count()).isZero();
        assertThat(history.createHistoricTaskInstanceQuery().taskId(sign.id()).singleResult().getAssignee()).isEqualTo("tccom");

        Completion done = complete(review, APPROVE, "sec1");
        assertThat(done.held()).isFalse();
        assertThat(step(caseId).stepId()).isEqualTo("archive");
        assertThat(actions(caseId)).containsSubsequence("SIGNERS_ADDED", "TASK_SIGNED", "TASK_COMPLETED");
        assertThat(last(caseId, "SIGNERS_ADDED").data()).containsEntry("position", "BEFORE")
                .containsEntry("users", List.of("tccom"));
        assertThat(last(caseId, "TASK_SIGNED").data()).containsEntry("opinion", "REJECT").containsEntry("reason", "材料不全")
                .doesNotContainKey("decision");
        assertThat(last(caseId, "TASK_SIGNED").comment()).isEqualTo("材料不全");
        assertThat(last(caseId, "TASK_SIGNED").stepId()).isEqualTo("review");
    }

    @Test
    void afterTheSignersSignTheOwnersSubmissionWhichTakesEffectWhenAllAgree() throws Exception {
        String caseId = report("member1", "后加签");
        String review = step(caseId).taskId();
        coSigners.add(review, List.of("tccom", "tccom2"), SignPosition.AFTER, "请支委复核", "sec1");
        assertThat(todo("tccom")).noneMatch(t -> t.caseId().equals(caseId));

        Completion held = complete(review, APPROVE, "sec1");

        assertThat(held.held()).isTrue();
        assertThat(step(caseId).stepId()).as("not yet in effect").isEqualTo("review");
        assertThatThrownBy(() -> complete(review, APPROVE, "sec1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("等待加签人");
        var signTccom = signTaskOf("tccom", caseId);
        var signOther = signTaskOf("tccom2", caseId);
        assertThat(tasks.get(signTccom.id(), "tccom").sign().held().data()).containsEntry("decision", "APPROVE");

        complete(signTccom.id(), AGREE, "tccom");
        assertThat(step(caseId).stepId()).as("one co-signer still to sign").isEqualTo("review");
        complete(signOther.id(), AGREE, "tccom2");

        assertThat(step(caseId).stepId()).isEqualTo("archive");
        var completed = last(caseId, "TASK_COMPLETED");
        assertThat(completed.actor()).as("the owner's decision, as the owner").isEqualTo("sec1");
        assertThat(completed.data()).containsEntry("decision", "APPROVE");
        assertThat(actions(caseId)).containsSubsequence("SIGNERS_ADDED", "SUBMISSION_HELD", "TASK_SIGNED", "TASK_SIGNED",
                "TASK_COMPLETED");
    }

    @Test
    void aDisagreementWithAHeldSubmissionSendsItBackAndTheAfterSignersSignTheNextOneAgain() throws Exception {
        String caseId = report("member1", "后加签不同意");
        String review = step(caseId).taskId();
        coSigners.add(review, List.of("tccom"), SignPosition.AFTER, "请复核", "sec1");
        complete(review, Map.of("decision", "REJECT", "reason", "内容空泛"), "sec1");

        complete(signTaskOf("tccom", caseId).id(), Map.of("decision", "REJECT", "reason", "不应退回，内容属实"), "tccom");

        assertThat(cases.view(caseId, "admin").status()).as("the rejection did not take effect").isEqualTo(CaseStatus.ACTIVE);
        assertThat(awaitNotice("sec1", "SUBMISSION_RETURNED", caseId).text()).contains("不应退回，内容属实");
        assertThat(tasks.get(review, "sec1").held()).isNull();
        assertThat(tasks.get(review, "sec1").signers()).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(SignerState.WAITING));
        assertThat(todo("tccom")).noneMatch(t -> t.caseId().equals(caseId));

        assertThat(complete(review, APPROVE, "sec1").held()).isTrue();
        complete(signTaskOf("tccom", caseId).id(), AGREE, "tccom");
        assertThat(step(caseId).stepId()).isEqualTo("archive");
        assertThat(last(caseId, "TASK_COMPLETED").data()).containsEntry("decision", "APPROVE");
    }

    @Test
    void inParallelWhicheverComesLastCompletesTheStep() {
        String first = report("member1", "并加签：办理人先提交");
        String review = step(first).taskId();
        coSigners.add(review, List.of("tccom"), SignPosition.PARALLEL, "请同时审核", "sec1");
        assertThat(signTaskOf("tccom", first)).isNotNull();
        assertThat(complete(review, APPROVE, "sec1").held()).isTrue();
        complete(signTaskOf("tccom", first).id(), AGREE, "tccom");
        assertThat(step(first).stepId()).isEqualTo("archive");

        String second = report("member1", "并加签：加签人先签署");
        String review2 = step(second).taskId();
        coSigners.add(review2, List.of("tccom"), SignPosition.PARALLEL, "请同时审核", "sec1");
        complete(signTaskOf("tccom", second).id(), Map.of("decision", "REJECT", "reason", "请补充"), "tccom");
        assertThat(step(second).stepId()).isEqualTo("review");
        Completion done = complete(review2, APPROVE, "sec1");
        assertThat(done.held()).as("everyone has signed: no wait").isFalse();
        assertThat(step(second).stepId()).isEqualTo("archive");
    }

    @Test
    void removingTheLastPendingSignerLetsAHeldSubmissionTakeEffect() throws Exception {
        String caseId = report("member1", "减签");
        String review = step(caseId).taskId();
        coSigners.add(review, List.of("tccom"), SignPosition.AFTER, "请复核", "sec1");
        complete(review, APPROVE, "sec1");
        String sign = signTaskOf("tccom", caseId).id();
        assertThatThrownBy(() -> coSigners.remove(review, "tccom", " ", "sec1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> coSigners.remove(review, "tccom", "不必了", "member2")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> coSigners.remove(review, "member2", "不必了", "sec1")).isInstanceOf(InvalidInputException.class);

        coSigners.remove(review, "tccom", "已电话确认，不必再签", "sec1");

        assertThat(flowableTasks.createTaskQuery().taskId(sign).count()).isZero();
        assertThat(step(caseId).stepId()).isEqualTo("archive");
        assertThat(last(caseId, "SIGNER_REMOVED").data()).containsEntry("user", "tccom");
        assertThat(awaitNotice("tccom", "SIGNER_REMOVED", caseId).text()).contains("已电话确认");
    }

    @Test
    void whoMayAddWhomAndHowMany() {
        String caseId = report("member1", "加签限制");
        String review = step(caseId).taskId();
        assertThatThrownBy(() -> coSigners.add(review, List.of("tccom"), SignPosition.BEFORE, "x", "member2"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> coSigners.add(review, List.of("member2"), SignPosition.BEFORE, "x", "sec1"))
                .as("no role that stands in").isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> coSigners.add(review, List.of("member1"), SignPosition.BEFORE, "x", "sec1"))
                .as("the filer").isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> coSigners.add(review, List.of("tccom", "tccom"), SignPosition.BEFORE, "x", "sec1"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> coSigners.add(review, List.of("tccom"), null, "x", "sec1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> coSigners.add(review, List.of(), SignPosition.BEFORE, "x", "sec1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> coSigners.add(review, IntStream.range(0, 11).mapToObj(i -> "u" + i).toList(),
                SignPosition.BEFORE, "x", "sec1")).isInstanceOf(InvalidInputException.class).hasMessageContaining("10");
        assertThat(step(caseId).assignee()).as("refusals change nothing").isNull();
        assertThat(actions(caseId)).doesNotContain("SIGNERS_ADDED");

        coSigners.add(review, List.of("tccom"), SignPosition.BEFORE, "请把关", "sec1");
        assertThatThrownBy(() -> coSigners.add(review, List.of("tccom"), SignPosition.AFTER, "x", "sec1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("已是");
        assertThatThrownBy(() -> operations.returnTo(review, "review", "x", "sec1")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> operations.transfer(review, "tcrev", "x", "sec1")).isInstanceOf(ConflictException.class);
        String sign = signTaskOf("tccom", caseId).id();
        assertThatThrownBy(() -> coSigners.add(sign, List.of("tcrev"), SignPosition.BEFORE, "x", "tccom"))
                .as("a co-signer only signs").isInstanceOf(ConflictException.class);
        complete(sign, AGREE, "tccom");
        assertThatThrownBy(() -> operations.withdraw(caseId, "撤回签署", "tccom"))
                .as("a signature is not a completion to withdraw").isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> coSigners.remove(review, "tccom", "x", "sec1"))
                .as("already signed").isInstanceOf(ConflictException.class);
    }

    @Test
    void whenTheModelMovesAStepAwayItsOpenSignTasksGoWithIt() {
        String caseId = report("member1", "环节被移走");
        complete(step(caseId).taskId(), APPROVE, "sec1");
        String archive = step(caseId).taskId();
        coSigners.add(archive, List.of("tcrev"), SignPosition.PARALLEL, "请县里同时看", "reviewer");
        String sign = signTaskOf("tcrev", caseId).id();
        assertThatThrownBy(() -> operations.returnTo(archive, "review", "x", "reviewer"))
                .as("not while a co-signer is pending").isInstanceOf(ConflictException.class);

        // what an interrupting timer or a terminate end does to the step: Flowable deletes its sub-tasks with it
        runtime.createChangeActivityStateBuilder().processInstanceId(caseId).moveActivityIdTo("archive", "review").changeState();

        assertThat(flowableTasks.createTaskQuery().taskId(sign).count()).isZero();
        assertThat(flowableTasks.createTaskQuery().processInstanceId(caseId).list()).hasSize(1);
        assertThat(todo("tcrev")).noneMatch(t -> t.caseId().equals(caseId));
        assertThat(history.createHistoricTaskInstanceQuery().taskId(sign).singleResult().getEndTime()).isNotNull();
    }
}
