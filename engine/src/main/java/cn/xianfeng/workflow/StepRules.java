package cn.xianfeng.workflow;

import java.util.Map;

/**
 * A procedure's own rules, applied by the task façade after a form is valid and before Flowable sees it.
 * A rule refuses with InvalidInputException (400, fields named), ConflictException (409, e.g. a time rule
 * not yet met, its detail naming the earliest date) or ForbiddenException (403); it may add variables.
 * {@link #completed} runs after the engine moved on, in the same transaction (status changes and the like).
 */
public interface StepRules {

    /** The process key these rules belong to. */
    String process();

    /** Checks a start form; returns variables to add (e.g. the org that owns the case). */
    default Map<String, Object> beforeStart(Map<String, Object> values, String actor) {
        return Map.of();
    }

    default void started(String caseId, Map<String, Object> variables, String actor) {
    }

    /** Checks a step's form against the case; returns variables to add. */
    default Map<String, Object> beforeComplete(Step step, Map<String, Object> values, String actor) {
        return Map.of();
    }

    default void completed(Step step, Map<String, Object> values, String actor) {
    }

    /** The starter cancelled (撤销) the case before anyone else acted; runs in the same transaction. */
    default void cancelled(String caseId, Map<String, Object> variables, String actor) {
    }

    /**
     * A step of a case as the rules see it: the case's variables as they were before this completion; once completed
     * inside the step's engine command, the case's status the completion left ({@code statusAfter}, null when not
     * known without asking the database: see {@link CaseDirectory#statusAfter}).
     */
    record Step(String caseId, String stepId, String taskId, Map<String, Object> variables, CaseStatus statusAfter) {

        public Step(String caseId, String stepId, String taskId, Map<String, Object> variables) {
            this(caseId, stepId, taskId, variables, null);
        }

        /** The same step, completed, with the case's status as the completion left it. */
        public Step completed(CaseStatus status) {
            return new Step(caseId, stepId, taskId, variables, status);
        }

        public Object variable(String name) {
            return variables.get(name);
        }
    }
}
