package cn.xianfeng.dues.internal;

import cn.xianfeng.dues.DuesTypes.CheckResult;
import cn.xianfeng.common.TimeCheck;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Runs the dues time rules: every few hours (one scheduled method, xianfeng.dues.check-interval, default PT6H, on one
 * node per interval) and whenever the adjustable clock moves (it is a TimeCheck). Each rule finds each month or run
 * once, so running often is harmless.
 */
@Component
public class TimeChecks implements TimeCheck {

    private static final Logger LOG = LoggerFactory.getLogger(TimeChecks.class);

    private final ArrearsCheck arrears;
    private final MonthlyReminders reminders;
    private final Clock clock;

    TimeChecks(ArrearsCheck arrears, MonthlyReminders reminders, Clock clock) {
        this.arrears = arrears;
        this.reminders = reminders;
        this.clock = clock;
    }

    public CheckResult check(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        int sent = reminders.run(today, now);
        int started = arrears.run(YearMonth.from(today), now);
        if (started > 0 || sent > 0) {
            LOG.info("Dues: {} 谈话 case(s) started for six months unpaid, {} monthly reminder(s) sent", started, sent);
        }
        return new CheckResult(started, sent);
    }

    @Scheduled(initialDelayString = "${xianfeng.dues.check-initial-delay:PT5M}",
            fixedDelayString = "${xianfeng.dues.check-interval:PT6H}")
    @SchedulerLock(name = "dues-time-rules", lockAtLeastFor = "${xianfeng.dues.check-interval:PT6H}",
            lockAtMostFor = "${xianfeng.dues.check-interval:PT6H}")
    public void scheduled() {
        check(clock.instant());
    }

    @Override
    public String name() {
        return "dues";
    }

    @Override
    public int run() {
        CheckResult r = check(clock.instant());
        return r.casesStarted() + r.remindersSent();
    }
}
