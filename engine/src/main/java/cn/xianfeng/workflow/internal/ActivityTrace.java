package cn.xianfeng.workflow.internal;

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

    public record Trace(String definitionId, List<String> done, List<String> current) {
    }

    public Trace of(String caseId) {
        var instance = history.createHistoricProcessInstanceQuery().processInstanceId(caseId).singleResult();
        if (instance == null) {
            return archived(caseId);
        }
        List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
                .processInstanceId(caseId).orderByHistoricActivityInstanceStartTime().asc().list();
        List<String> current = activities.stream().filter(a -> a.getEndTime() == null)
                .map(HistoricActivityInstance::getActivityId).distinct().toList();
        List<String> done = activities.stream().filter(a -> a.getEndTime() != null)
                .map(HistoricActivityInstance::getActivityId).filter(id -> !current.contains(id)).distinct().toList();
        return new Trace(instance.getProcessDefinitionId(), done, current);
    }

    /** An archived case is closed: every activity it recorded is done. */
    @SuppressWarnings("unchecked")
    private Trace archived(String caseId) {
        var row = archives.find(caseId).orElseThrow(() -> new cn.xianfeng.common.NotFoundException(
                "案件不存在：" + caseId));
        var instance = (Map<String, Object>) row.history().get("processInstance");
        var activities = (List<Map<String, Object>>) row.history().getOrDefault("activities", List.of());
        List<String> done = activities.stream().map(a -> (String) a.get("activityId")).distinct().toList();
        return new Trace((String) instance.get("processDefinitionId"), done, List.of());
    }
}
