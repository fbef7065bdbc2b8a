package cn.xianfeng.workflow;

import java.util.List;

/** Past-tense facts about tasks that other modules (notices) react to after commit. */
public final class TaskEvents {

    private TaskEvents() {
    }

    public record TaskTransferred(String taskId, String caseId, String taskName, String from, String to, String reason) {
    }

    public record TaskDelegated(String taskId, String caseId, String taskName, String owner, String to) {
    }

    public record TaskReturned(String taskId, String caseId, String taskName, String by, String to, String reason) {
    }

    public record TaskReminded(String taskId, String caseId, String taskName, String by, List<String> recipients,
                               String message) {
    }

    public record CaseCopied(String caseId, String subject, String by, String to, String note) {
    }
}
