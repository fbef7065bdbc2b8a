package cn.xianfeng.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
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

        /** The step's name in the reader's language (ids stay as they are: they are for machines). */
        public CurrentStep in(Locale locale) {
            return new CurrentStep(stepId, ProcessNames.in(name, locale), taskId, assignee, candidates, due, overdue,
                    escalatedTo, since);
        }
    }

    public record CaseView(String id, String process, String processName, CaseStatus status, String subject,
                           String orgCode, String starter, Instant startedAt, Instant endedAt, List<CurrentStep> current,
                           Stage stage, StepPosition step) {

        /** Process, stage and step names in the reader's language. */
        public CaseView in(Locale locale) {
            return new CaseView(id, process, ProcessNames.in(processName, locale), status, subject, orgCode, starter,
                    startedAt, endedAt, current == null ? null : current.stream().map(c -> c.in(locale)).toList(),
                    stage == null ? null : stage.in(locale), step == null ? null : step.in(locale));
        }
    }

    /** A stage of a procedure: a lane of its model whose id is {@code stageN}. */
    public record Stage(int number, String name) {

        public Stage in(Locale locale) {
            return new Stage(number, ProcessNames.in(name, locale));
        }
    }

    /** Where a case stands among numbered steps ({@code step01}…). */
    public record StepPosition(String id, int number, String name) {

        public StepPosition in(Locale locale) {
            return new StepPosition(id, number, ProcessNames.in(name, locale));
        }
    }

    /** {@code actionLabel}, {@code stepName}: what a person reads beside the ids, in the reader's language. */
    public record HistoryEntry(Instant at, String actor, String action, String stepId, String taskId,
                               Map<String, Object> data, String comment, String actionLabel, String stepName) {

        public HistoryEntry(Instant at, String actor, String action, String stepId, String taskId,
                            Map<String, Object> data, String comment) {
            this(at, actor, action, stepId, taskId, data, comment, null, null);
        }
    }

    /**
     * A task in a list. {@code delegatedBy}: the owner who delegated it (委派), while the delegate works on it;
     * {@code coSign}: a co-signer's task (加签) of the step {@code stepId}; {@code signing}: the step waits for
     * co-signers.
     */
    public record TaskItem(String id, String caseId, String process, String stepId, String name, String assignee,
                           List<String> candidates, Instant createdAt, Instant due, boolean overdue, String caseSubject,
                           Instant endedAt, String delegatedBy, boolean coSign, boolean signing) {

        public TaskItem(String id, String caseId, String process, String stepId, String name, String assignee,
                        List<String> candidates, Instant createdAt, Instant due, boolean overdue, String caseSubject,
                        Instant endedAt) {
            this(id, caseId, process, stepId, name, assignee, candidates, createdAt, due, overdue, caseSubject, endedAt,
                    null, false, false);
        }

        /** The step's name in the reader's language. */
        public TaskItem in(Locale locale) {
            return new TaskItem(id, caseId, process, stepId, ProcessNames.in(name, locale), assignee, candidates,
                    createdAt, due, overdue, caseSubject, endedAt, delegatedBy, coSign, signing);
        }
    }

    /**
     * A task with its form and current values, what the viewer may do with it ({@code allowed}, decided by the
     * same checks that authorize each operation), its co-signers, the owner's submission waiting for them, and for a
     * co-signer's task what is asked of them.
     */
    public record TaskDetail(TaskItem task, FormDefinition form, Map<String, Object> values, List<TaskAction> allowed,
                             List<Signer> signers, HeldSubmission held, SignRequest sign) {

        public TaskDetail(TaskItem task, FormDefinition form, Map<String, Object> values) {
            this(task, form, values, List.of(), List.of(), null, null);
        }

        /** Step names in the reader's language (the form carries both languages itself). */
        public TaskDetail in(Locale locale) {
            return new TaskDetail(task == null ? null : task.in(locale), form, values, allowed, signers, held,
                    sign == null ? null : sign.in(locale));
        }
    }

    /** What a person may do with a task; pages offer exactly these. */
    public enum TaskAction {
        CLAIM, UNCLAIM, COMPLETE, RESOLVE, TRANSFER, DELEGATE, RETURN, ADD_SIGNERS, REMOVE_SIGNER, COMMENT
    }

    /** Where a co-signer (加签) signs relative to the step's owner; see {@link CoSigners}. */
    public enum SignPosition {
        BEFORE, AFTER, PARALLEL
    }

    /** WAITING: an AFTER co-signer before the owner submits; OPEN: may sign now; then AGREED or DISAGREED. */
    public enum SignerState {
        WAITING, OPEN, AGREED, DISAGREED
    }

    public record Signer(String username, SignPosition position, SignerState state, String addedBy, String reason,
                         Instant addedAt, Instant signedAt, String signTaskId) {

        public boolean pending() {
            return state == SignerState.WAITING || state == SignerState.OPEN;
        }
    }

    /** The owner's submission of a step, waiting for co-signers before it takes effect. */
    public record HeldSubmission(String actor, Map<String, Object> data, String comment, Instant heldAt) {
    }

    /** What a co-signer is asked: the step's task, by whom, why, and (AFTER) the owner's submission to sign. */
    public record SignRequest(String stepTaskId, String stepName, SignPosition position, String addedBy, String reason,
                              String owner, FormDefinition stepForm, HeldSubmission held) {

        public SignRequest in(Locale locale) {
            return new SignRequest(stepTaskId, ProcessNames.in(stepName, locale), position, addedBy, reason, owner,
                    stepForm, held);
        }
    }

    /** {@code repeated}: the step was done before in this case (a return or a loop). */
    public record NextStep(String stepId, String taskId, String name, boolean repeated) {

        public NextStep(String stepId, String taskId) {
            this(stepId, taskId, null, false);
        }

        public NextStep in(Locale locale) {
            return new NextStep(stepId, taskId, ProcessNames.in(name, locale), repeated);
        }
    }

    /**
     * What a completion did: the case's status afterwards and its next steps; {@code held}: the owner's submission
     * waits for co-signers; {@code signed}: a co-signer's opinion was recorded.
     */
    public record Completion(String caseId, List<NextStep> next, CaseStatus status, boolean held, boolean signed) {

        public Completion(String caseId, List<NextStep> next) {
            this(caseId, next, CaseStatus.ACTIVE, false, false);
        }

        /** The next steps' names in the reader's language. */
        public Completion in(Locale locale) {
            return new Completion(caseId, next == null ? null : next.stream().map(n -> n.in(locale)).toList(), status,
                    held, signed);
        }
    }

    /** A case in 我发起的: its status and where it stands (each current step with its owner). */
    public record MyCase(String id, String process, String processName, String subject, CaseStatus status,
                         Instant startedAt, Instant endedAt, List<CurrentStep> current, boolean cancellable) {

        public MyCase in(Locale locale) {
            return new MyCase(id, process, ProcessNames.in(processName, locale), subject, status, startedAt, endedAt,
                    current == null ? null : current.stream().map(c -> c.in(locale)).toList(), cancellable);
        }
    }

    /** What a person may do with a case as a whole; pages offer exactly these. */
    public enum CaseAction {
        WITHDRAW, CANCEL, COMMENT, COPY
    }

    /** What a case's page offers its viewer: case actions, the current steps they may open, and may remind. */
    public record CaseOffer(java.util.Set<CaseAction> actions, java.util.Set<String> openTasks,
                            java.util.Set<String> remindTasks) {
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

    public record Diagram(String bpmnXml, List<String> done, List<String> returned, List<String> current) {
    }

    /**
     * A case as a viewer who may see it has it ({@code Cases.viewWithoutSteps}), and whether they hold one of the roles
     * asked over its org ({@code holdsRole}: in the org or above) or are a superuser.
     */
    public record StandingView(CaseView view, boolean holdsRole, boolean superuser) {
    }
}
