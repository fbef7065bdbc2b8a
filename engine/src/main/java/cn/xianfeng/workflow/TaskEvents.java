package cn.xianfeng.workflow;

import java.util.List;

/** Past-tense facts about tasks that other modules (notices) react to after commit. */
public final class TaskEvents {

    private TaskEvents() {
    }

    public record TaskTransferred(String taskId, String caseId, String taskName, String from, String to, String reason) {
    }

    public record TaskDelegated(String taskId, String caseId, String taskName, String owner, String to, String reason) {
    }

    /** The delegate handed a delegated task back to its owner, with their opinion. */
    public record TaskResolved(String taskId, String caseId, String taskName, String delegate, String owner,
                               String comment) {
    }

    /** A co-signer's task opened (加签): {@code taskId} is theirs. */
    public record SignRequested(String taskId, String caseId, String taskName, String by, String to,
                                WorkflowTypes.SignPosition position, String reason) {
    }

    /** A co-signer was removed (减签) before signing. */
    public record SignerRemoved(String taskId, String caseId, String taskName, String by, String signer, String reason) {
    }

    /** Every co-signer before the owner has signed: the owner may decide now. */
    public record SignersSigned(String taskId, String caseId, String taskName, String owner) {
    }

    /** The owner's submission waiting for co-signers did not take effect (a co-signer disagreed, or the rules refused). */
    public record SubmissionReturned(String taskId, String caseId, String taskName, String owner, String by,
                                     String reason) {
    }

    /** The starter cancelled (撤销) a case nobody else had acted on; those who owed its steps are told. */
    public record CaseCancelled(String caseId, String subject, String by, List<String> recipients, String reason) {
    }

    public record TaskReturned(String taskId, String caseId, String taskName, String by, String to, String reason) {
    }

    public record TaskReminded(String taskId, String caseId, String taskName, String by, List<String> recipients,
                               String message) {
    }

    public record CaseCopied(String caseId, String subject, String by, String to, String note) {
    }
}
