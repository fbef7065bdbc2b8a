package cn.xianfeng.workflow.internal;

import cn.xianfeng.workflow.OwedReconciliation;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Nightly, on one node: the 谁欠谁 read model compared with Flowable's runtime tables and repaired where it differs. */
@Component
class OwedReconciliationJob {

    private final OwedReconciliation reconciliation;

    OwedReconciliationJob(OwedReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Scheduled(cron = "${xianfeng.owed.reconcile-cron:0 40 2 * * *}")
    @SchedulerLock(name = "owed-reconciliation", lockAtLeastFor = "PT1H", lockAtMostFor = "PT6H")
    public void run() {
        reconciliation.reconcile();
    }
}
