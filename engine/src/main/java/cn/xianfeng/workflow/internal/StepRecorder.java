package cn.xianfeng.workflow.internal;

import cn.xianfeng.workflow.CaseStatus;
import cn.xianfeng.workflow.WorkflowTypes.Completion;
import cn.xianfeng.workflow.WorkflowTypes.NextStep;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.common.engine.impl.context.Context;
import org.flowable.common.engine.impl.interceptor.CommandContext;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.history.HistoricProcessInstance;
import org.flowable.engine.impl.util.CommandContextUtil;
import org.flowable.task.api.Task;
import org.flowable.task.api.TaskInfo;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one step's engine command did to its case, heard from the engine's own events while it runs: the tasks it
 * created and removed, and whether the process ended. With the tasks the case had open when the command began,
 * this answers "what comes next" and "did the case end" without asking the database again after the completion.
 */
@Component
public class StepRecorder implements FlowableEventListener {

    private static final String KEY = StepRecorder.class.getName();

    StepRecorder(RuntimeService runtime) {
        runtime.addEventListener(this, FlowableEngineEventType.TASK_CREATED, FlowableEngineEventType.TASK_COMPLETED,
                FlowableEngineEventType.ENTITY_DELETED, FlowableEngineEventType.PROCESS_COMPLETED,
                FlowableEngineEventType.PROCESS_COMPLETED_WITH_TERMINATE_END_EVENT,
                FlowableEngineEventType.PROCESS_CANCELLED);
    }

    /**
     * Starts recording for the case in the current engine command; {@code open}: its open tasks before;
     * {@code finished}: the steps it finished before.
     */
    public Recording start(String caseId, List<Task> open, Set<String> finished) {
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            throw new IllegalStateException("a step is recorded inside an engine command");
        }
        Recording recording = new Recording(caseId, open, finished);
        command.addAttribute(KEY, recording);
        return recording;
    }

    @Override
    public void onEvent(FlowableEvent event) {
        CommandContext command = Context.getCommandContext();
        if (command == null || !(command.getAttribute(KEY) instanceof Recording r)) {
            return;
        }
        if (event instanceof FlowableEntityEvent e && e.getEntity() instanceof Task task) {
            if (r.caseId.equals(task.getProcessInstanceId())) {
                if (event.getType() == FlowableEngineEventType.TASK_CREATED) {
                    r.open.put(task.getId(), task);
                } else {
                    r.open.remove(task.getId());
                    r.removed.add(task.getId());
                }
            }
        } else if (event.getType() != FlowableEngineEventType.ENTITY_DELETED
                && event instanceof org.flowable.common.engine.api.delegate.event.FlowableEngineEvent p
                && r.caseId.equals(p.getProcessInstanceId())) {
            r.ended = true;
        }
    }

    @Override
    public boolean isFailOnException() {
        return true; // a wrong "next" or "ended" would mislead the person who just acted
    }

    @Override
    public boolean isFireOnTransactionLifecycleEvent() {
        return false;
    }

    @Override
    public String getOnTransaction() {
        return null;
    }

    /** One step's record, valid inside its command. */
    public final class Recording {

        private final String caseId;
        private final Map<String, Task> open = new LinkedHashMap<>();
        private final Set<String> removed = new HashSet<>();
        private final Set<String> finished;
        private boolean ended;

        private Recording(String caseId, List<Task> before, Set<String> finished) {
            this.caseId = caseId;
            this.finished = finished;
            before.forEach(t -> open.put(t.getId(), t));
        }

        /** How the case ended in this command (status and time), if it did. */
        public Optional<Map.Entry<CaseStatus, Instant>> ending() {
            if (!ended) {
                return Optional.empty();
            }
            CommandContext command = Context.getCommandContext();
            // history level full: the engine updated its historic instance in this command (cached, no statement)
            HistoricProcessInstance instance = CommandContextUtil.getHistoricProcessInstanceEntityManager(command)
                    .findById(caseId);
            if (instance == null || instance.getEndTime() == null) {
                return Optional.empty();
            }
            return Optional.of(Map.entry(CaseOutcome.statusOf(instance.getEndActivityId(), instance.getDeleteReason()),
                    instance.getEndTime().toInstant()));
        }

        /**
         * The case's status and its open steps now (co-signers' tasks aside), each marked repeated when its step was
         * done before ({@code completedKey}: the step this command completed; the others as the case lock's statement
         * found them finished).
         */
        public Completion completion(String completedKey) {
            List<Task> next = open.values().stream().filter(t -> t.getCategory() == null && !removed.contains(t.getId()))
                    .sorted(Comparator.comparing(TaskInfo::getId)).toList();
            Set<String> done = new HashSet<>(finished);
            done.add(completedKey);
            CaseStatus status = ending().map(Map.Entry::getKey).orElse(CaseStatus.ACTIVE);
            return new Completion(caseId, next.stream().map(t -> new NextStep(t.getTaskDefinitionKey(), t.getId(),
                    t.getName(), done.contains(t.getTaskDefinitionKey()))).toList(), status, false, false);
        }
    }
}
