package cn.xianfeng.dues.internal;

import cn.xianfeng.dues.DuesTypes.CheckResult;
import cn.xianfeng.workflow.ClockMoved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Runs the dues time rules: every few hours (one scheduled method, xianfeng.dues.check-interval, default PT6H)
 * and whenever the adjustable clock moves. Each rule finds each month or run once, so running often is harmless.
 */
@Component
public class TimeChecks {

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
    void scheduled() {
        check(clock.instant());
    }

    @EventListener
    void on(ClockMoved moved) {
        check(moved.now());
    }
}
