package cn.xianfeng.workflow;

import cn.xianfeng.common.AdjustableClock;
import cn.xianfeng.common.NotFoundException;
import org.flowable.engine.ManagementService;
import org.flowable.job.api.Job;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Moves the application's (and so Flowable's) clock when it is adjustable, and fires the timers that fell due,
 * so that rules spanning months and years can be shown and tested. Refused (404) on a normal clock.
 */
@Service
public class EngineTime {

    private static final int MAX_ROUNDS = 200;

    private final Clock clock;
    private final ManagementService management;
    private final org.springframework.context.ApplicationEventPublisher events;

    EngineTime(Clock clock, ManagementService management, org.springframework.context.ApplicationEventPublisher events) {
        this.clock = clock;
        this.management = management;
        this.events = events;
    }

    public boolean adjustable() {
        return clock instanceof AdjustableClock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Sets the clock, fires due timers and lets scheduled time checks run as of the new time; returns timers fired. */
    public int moveTo(Instant now) {
        adjustableClock().set(now);
        int fired = fireDueTimers();
        events.publishEvent(new ClockMoved(clock.instant()));
        return fired;
    }

    public void reset() {
        adjustableClock().reset();
    }

    /** Runs every timer due by now, including ones that firing makes due (a repeating cycle), a bounded number of times. */
    public int fireDueTimers() {
        int fired = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Job> due = management.createTimerJobQuery().timers().duedateLowerThan(Date.from(clock.instant().plusMillis(1)))
                    .orderByJobDuedate().asc().listPage(0, 50);
            if (due.isEmpty()) {
                return fired;
            }
            for (Job timer : due) {
                try {
                    Job executable = management.moveTimerToExecutableJob(timer.getId());
                    management.executeJob(executable.getId());
                    fired++;
                } catch (org.flowable.common.engine.api.FlowableObjectNotFoundException taken) {
                    // the async executor fired it first
                }
            }
        }
        return fired;
    }

    private AdjustableClock adjustableClock() {
        if (clock instanceof AdjustableClock adjustable) {
            return adjustable;
        }
        throw new NotFoundException("时钟不可调整（xianfeng.clock.adjustable 未开启）");
    }
}
