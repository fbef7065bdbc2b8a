package cn.xianfeng.points.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Derives what the trail gained since the last run, every xianfeng.points.interval (PT10S) on one node (the cursor's
 * row lock would also keep a second node out; the cluster lock spares it the attempt). Batches go through the
 * pass's proxy, one transaction each.
 */
@Component
public class PointsJob {

    private final DerivationPass pass;

    PointsJob(DerivationPass pass) {
        this.pass = pass;
    }

    @Scheduled(initialDelayString = "${xianfeng.points.initial-delay:PT20S}",
            fixedDelayString = "${xianfeng.points.interval:PT10S}")
    @SchedulerLock(name = "points-derivation", lockAtLeastFor = "${xianfeng.points.interval:PT10S}",
            lockAtMostFor = "PT10M")
    public void scheduled() {
        // until caught up, bounded so that a huge backlog shares the scheduler with the other jobs
        for (int i = 0; i < 100 && pass.batch() >= 0; i++) {
            continue;
        }
    }
}
