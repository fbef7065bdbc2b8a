package cn.xianfeng.admission.internal;

import cn.xianfeng.admission.ThoughtReportReminded;
import cn.xianfeng.common.TimeCheck;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The quarterly 思想汇报 reminder: from the first day of a quarter's last month, each applicant, activist and
 * candidate of an open recruitment case who has not submitted a report in the quarter is told once (a row per person
 * and quarter, so every node and every run finds each once). Runs every few hours on one node and whenever the
 * adjustable clock moves (it is a TimeCheck); one transaction per person.
 */
@Component
class ThoughtReportReminders implements TimeCheck {

    private final ThoughtReports reports;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ThoughtReportReminders(ThoughtReports reports, ApplicationEventPublisher events, TransactionTemplate transactions,
                           Clock clock) {
        this.reports = reports;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "thought-report-reminder";
    }

    @Override
    public int run() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        if (today.getMonthValue() % 3 != 0) {
            return 0; // the first two months of a quarter leave time to submit
        }
        String quarter = ThoughtReports.quarter(now, clock.getZone());
        String label = today.getYear() + " 年第 " + quarter.substring(6) + " 季度";
        int sent = 0;
        for (String username : reports.owing(quarter)) {
            Boolean done = transactions.execute(tx -> {
                if (!reports.claimReminder(username, quarter, now)) {
                    return false;
                }
                events.publishEvent(new ThoughtReportReminded(username, quarter,
                        "思想汇报提醒：您" + label + "尚未递交思想汇报，请在本季度结束前向党组织递交。"));
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                sent++;
            }
        }
        return sent;
    }

    @Scheduled(initialDelayString = "${xianfeng.admission.reminder-initial-delay:PT5M}",
            fixedDelayString = "${xianfeng.admission.reminder-interval:PT6H}")
    @SchedulerLock(name = "thought-report-reminder", lockAtLeastFor = "${xianfeng.admission.reminder-interval:PT6H}",
            lockAtMostFor = "${xianfeng.admission.reminder-interval:PT6H}")
    public void scheduled() {
        run();
    }
}
