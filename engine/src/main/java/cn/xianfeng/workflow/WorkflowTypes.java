package cn.xianfeng.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The shapes the task façade answers with; they mirror ../shared/API.md. */
public final class WorkflowTypes {

    private WorkflowTypes() {
    }

    public record StartCase(String process, String subject, Map<String, Object> data) {
    }

    public record CaseSummary(String id, String process, String subject, CaseStatus status) {
    }

    public record CurrentStep(String stepId, String name, String taskId, String assignee, List<String> candidates,
                              Instant due, boolean overdue, String escalatedTo, Instant since) {
    }

    public record CaseView(String id, String process, String processName, CaseStatus status, String subject,
                           String orgCode, String starter, Instant startedAt, Instant endedAt, List<CurrentStep> current,
                           Stage stage, StepPosition step) {
    }

    /** A stage of a procedure: a lane of its model whose id is {@code stageN}. */
    public record Stage(int number, String name) {
    }

    /** Where a case stands among numbered steps ({@code step01}…). */
    public record StepPosition(String id, int number, String name) {
    }

    public record HistoryEntry(Instant at, String actor, String action, String stepId, String taskId,
                               Map<String, Object> data, String comment) {
    }

    public record TaskItem(String id, String caseId, String process, String stepId, String name, String assignee,
                           List<String> candidates, Instant createdAt, Instant due, boolean overdue, String caseSubject,
                           Instant endedAt) {
    }

    public record TaskDetail(TaskItem task, FormDefinition form, Map<String, Object> values) {
    }

    public record NextStep(String stepId, String taskId) {
    }

    public record Completion(String caseId, List<NextStep> next) {
    }

    public record TaskFilter(String scope, String process, String org, Boolean overdue, String text, String sort) {

        public TaskFilter(String scope, String process, String org, Boolean overdue) {
            this(scope, process, org, overdue, null, null);
        }
    }

    /**
     * What a viewer may do on a case's page, as the engine decides it: attach a file, copy the case on (抄送), remind
     * the owners of these tasks (催办), take back their last completion (撤回), open these tasks.
     */
    public record CaseRights(boolean attach, boolean copy, java.util.Set<String> remind, boolean withdraw,
                             java.util.Set<String> open) {
    }

    public record Diagram(String bpmnXml, List<String> done, List<String> current) {
    }
}
