package cn.xianfeng.workflow.internal;

import cn.xianfeng.workflow.OwedReconciliation;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every minute, on one node: the 谁欠谁 tallies count as late the tasks whose due time has passed (V99). Readers add
 * what a roll has not caught up with, so a late or skipped roll costs a little reading time, never a wrong count.
 */
@Component
class OwedRollJob {

    private static final Logger LOG = LoggerFactory.getLogger(OwedRollJob.class);

    private final OwedReconciliation reconciliation;

    OwedRollJob(OwedReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Scheduled(fixedDelayString = "${xianfeng.owed.roll-interval:PT1M}", initialDelayString = "${xianfeng.owed.roll-interval:PT1M}")
    @SchedulerLock(name = "owed-roll", lockAtLeastFor = "PT20S", lockAtMostFor = "PT10M")
    public void run() {
        try {
            reconciliation.roll();
        } catch (DataAccessException e) {
            // gave way to a step holding a tally row (lock timeout): the next roll catches up
            LOG.info("谁欠谁 tallies: roll deferred ({})", e.getMostSpecificCause().getMessage());
        }
    }
}
