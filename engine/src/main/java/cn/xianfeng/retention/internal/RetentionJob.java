package cn.xianfeng.retention.internal;

import cn.xianfeng.retention.Retention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import cn.xianfeng.common.ConflictException;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs retention once a day (xianfeng.retention.interval), first an hour after start, on one node per period; a run
 * started by hand elsewhere that moment makes this one wait for the next period.
 */
@Component
class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final Retention retention;

    RetentionJob(Retention retention) {
        this.retention = retention;
    }

    @Scheduled(initialDelayString = "${xianfeng.retention.initial-delay:PT1H}",
            fixedDelayString = "${xianfeng.retention.interval:P1D}")
    @SchedulerLock(name = "retention", lockAtLeastFor = "${xianfeng.retention.interval:P1D}",
            lockAtMostFor = "${xianfeng.retention.interval:P1D}")
    public void run() {
        Retention.Run run;
        try {
            run = retention.archiveDue();
        } catch (ConflictException runningElsewhere) {
            log.info("retention: skipped, a run is in progress");
            return;
        }
        if (!run.archived().isEmpty() || !run.failed().isEmpty()) {
            log.info("retention: archived the engine history of {} closed cases, {} failed (cutoff {})",
                    run.archived().size(), run.failed().size(), run.cutoff());
        }
    }
}
