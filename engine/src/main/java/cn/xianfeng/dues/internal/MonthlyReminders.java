package cn.xianfeng.dues.internal;

import cn.xianfeng.dues.DuesEvents.MemberReminded;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The monthly notice: from the configured day of the month (xianfeng.dues.reminder-day, default 20) each member
 * with unpaid months before the current one gets one notice that month.
 */
@Component
class MonthlyReminders {

    private final CollectionQueries queries;
    private final Ledgers ledgers;
    private final ReminderRows reminders;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final int day;

    MonthlyReminders(CollectionQueries queries, Ledgers ledgers, ReminderRows reminders,
                     ApplicationEventPublisher events, PlatformTransactionManager transactions,
                     @Value("${xianfeng.dues.reminder-day:20}") int day) {
        if (day < 1 || day > 28) {
            throw new IllegalArgumentException("xianfeng.dues.reminder-day must be 1–28, not " + day);
        }
        this.queries = queries;
        this.ledgers = ledgers;
        this.reminders = reminders;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.day = day;
    }

    int run(LocalDate today, Instant now) {
        if (today.getDayOfMonth() < day) {
            return 0;
        }
        YearMonth current = YearMonth.from(today);
        int sent = 0;
        for (CollectionQueries.Standing s : queries.standings("/", current)) {
            if (s.paidCount() >= Months.between(s.owingFrom(), current)) {
                continue;
            }
            Boolean done = transaction.execute(tx -> {
                if (!reminders.claim(s.username(), "MONTHLY", current.toString(), "system", now)) {
                    return false;
                }
                List<YearMonth> unpaid = ledgers.of(s.username()).unpaidBefore(current);
                events.publishEvent(new MemberReminded(s.username(), "DUES_REMINDER", "党费提醒：您"
                        + cn.xianfeng.dues.DuesReminders.arrears(unpaid) + "，请及时向支部交纳。", "system"));
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                sent++;
            }
        }
        return sent;
    }
}
