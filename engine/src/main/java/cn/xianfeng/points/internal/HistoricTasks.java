package cn.xianfeng.points.internal;

import org.flowable.engine.HistoryService;
import org.flowable.task.api.history.HistoricTaskInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The engine's historic tasks of a batch of trail events, read in one query rather than one per completed step; a
 * task outside the batch is read on its own. A task the history no longer has (archived) is null either way.
 */
final class HistoricTasks {

    private final HistoryService history;
    private final Set<String> read;
    private final Map<String, HistoricTaskInstance> byId = new HashMap<>();

    private HistoricTasks(HistoryService history, Set<String> read) {
        this.history = history;
        this.read = read;
    }

    /** The tasks the batch's completed steps name, read at once. */
    static HistoricTasks of(HistoryService history, List<TrailEvent> events) {
        Set<String> ids = events.stream().filter(e -> "TASK_COMPLETED".equals(e.action()) && e.taskId() != null)
                .map(TrailEvent::taskId).collect(Collectors.toSet());
        HistoricTasks tasks = new HistoricTasks(history, ids);
        if (!ids.isEmpty()) {
            history.createHistoricTaskInstanceQuery().taskIds(ids).list().forEach(t -> tasks.byId.put(t.getId(), t));
        }
        return tasks;
    }

    HistoricTaskInstance get(String taskId) {
        if (read.contains(taskId)) {
            return byId.get(taskId);
        }
        return history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
    }
}
