package cn.xianfeng.meeting.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the compliance check on the wall clock (every xianfeng.meeting.compliance-interval, and once shortly after
 * start), on one node per interval; a move of the adjustable clock runs it too (it is a TimeCheck). A run finds each
 * period once, and a flag is raised once even by runs that overlap.
 */
@Component
class ComplianceJob {

    private static final Logger LOG = LoggerFactory.getLogger(ComplianceJob.class);

    private final ComplianceCheck check;

    ComplianceJob(ComplianceCheck check) {
        this.check = check;
    }

    @Scheduled(initialDelayString = "${xianfeng.meeting.compliance-initial-delay:PT5M}",
            fixedDelayString = "${xianfeng.meeting.compliance-interval:PT6H}")
    @SchedulerLock(name = "meeting-compliance", lockAtLeastFor = "${xianfeng.meeting.compliance-interval:PT6H}",
            lockAtMostFor = "${xianfeng.meeting.compliance-interval:PT6H}")
    public void run() {
        int raised = check.run();
        if (raised > 0) {
            LOG.info("Meeting compliance: {} branch(es) flagged for missed meetings", raised);
        }
    }
}
