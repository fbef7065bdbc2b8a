package cn.xianfeng.workflow.internal;

import cn.xianfeng.common.Refusal;
import org.flowable.engine.HistoryService;
import org.flowable.engine.history.HistoricActivityInstance;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** Which elements of its model a case has passed and which it stands at: from Flowable, or from the archive. */
@Component
public class ActivityTrace {

    private final HistoryService history;
    private final ArchivedHistories archives;

    ActivityTrace(HistoryService history, ArchivedHistories archives) {
        this.history = history;
        this.archives = archives;
    }

    public record Trace(String definitionId, List<String> done, List<String> returned, List<String> current) {
    }

    public Trace of(String caseId) {
        var instance = history.createHistoricProcessInstanceQuery().processInstanceId(caseId).singleResult();
        if (instance == null) {
            return archived(caseId);
        }
        List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
                .processInstanceId(caseId).orderByHistoricActivityInstanceStartTime().asc().list();
        TraceMarks.Marks marks = TraceMarks.of(activities.stream().map(a -> new TraceMarks.Pass(a.getActivityId(),
                a.getStartTime().toInstant(), a.getEndTime() == null ? null : a.getEndTime().toInstant(),
                a.getDeleteReason())).toList());
        return new Trace(instance.getProcessDefinitionId(), marks.done(), marks.returned(), marks.current());
    }

    /**
     * An archived case is closed: its recorded activities marked as they were (snapshots from before the delete
     * reason was kept count every pass that ended as done).
     */
    @SuppressWarnings("unchecked")
    private Trace archived(String caseId) {
        var row = archives.find(caseId).orElseThrow(() -> new cn.xianfeng.common.NotFoundException(Refusal.of("workflow.caseNotFound", caseId)));
        var instance = (Map<String, Object>) row.history().get("processInstance");
        var activities = (List<Map<String, Object>>) row.history().getOrDefault("activities", List.of());
        TraceMarks.Marks marks = TraceMarks.of(activities.stream().map(a -> new TraceMarks.Pass(
                (String) a.get("activityId"), instant(a.get("startTime")), instant(a.get("endTime")),
                (String) a.get("deleteReason"))).toList());
        return new Trace((String) instance.get("processDefinitionId"), marks.done(), marks.returned(), List.of());
    }

    private static java.time.Instant instant(Object iso) {
        return iso == null ? java.time.Instant.EPOCH : java.time.Instant.parse((String) iso);
    }
}
