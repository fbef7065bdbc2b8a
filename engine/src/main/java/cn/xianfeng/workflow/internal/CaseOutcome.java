package cn.xianfeng.workflow.internal;

import cn.xianfeng.workflow.CaseStatus;
import org.flowable.engine.HistoryService;
import org.flowable.engine.history.DeleteReason;
import org.flowable.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Marks a case ended once Flowable has ended its process instance. An end event whose id starts with
 * {@code rejected} ends it REJECTED, {@code cancelled} CANCELLED; any other end COMPLETED.
 */
@Component
public class CaseOutcome {

    private final HistoryService history;
    private final CaseRecords records;

    CaseOutcome(HistoryService history, CaseRecords records) {
        this.history = history;
        this.records = records;
    }

    public void recordIfEnded(String caseId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(caseId)
                .singleResult();
        if (instance == null || instance.getEndTime() == null) {
            return;
        }
        records.end(caseId, statusOf(instance.getEndActivityId(), instance.getDeleteReason()),
                instance.getEndTime().toInstant());
    }

    static CaseStatus statusOf(String endActivityId, String deleteReason) {
        String end = endActivityId == null ? "" : endActivityId;
        if (end.startsWith("rejected")) {
            return CaseStatus.REJECTED;
        }
        if (end.startsWith("cancelled")) {
            return CaseStatus.CANCELLED;
        }
        // a terminate end event also leaves a delete reason; any other delete is a withdrawal
        if (deleteReason != null && !deleteReason.startsWith(DeleteReason.TERMINATE_END_EVENT)) {
            return CaseStatus.CANCELLED;
        }
        return CaseStatus.COMPLETED;
    }
}
