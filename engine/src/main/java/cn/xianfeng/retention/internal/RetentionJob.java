package cn.xianfeng.retention.internal;

import cn.xianfeng.retention.Retention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs retention once a day (xianfeng.retention.interval), first an hour after start. */
@Component
class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final Retention retention;

    RetentionJob(Retention retention) {
        this.retention = retention;
    }

    @Scheduled(initialDelayString = "${xianfeng.retention.initial-delay:PT1H}",
            fixedDelayString = "${xianfeng.retention.interval:P1D}")
    void run() {
        var run = retention.archiveDue();
        if (!run.archived().isEmpty() || !run.failed().isEmpty()) {
            log.info("retention: archived the engine history of {} closed cases, {} failed (cutoff {})",
                    run.archived().size(), run.failed().size(), run.cutoff());
        }
    }
}
