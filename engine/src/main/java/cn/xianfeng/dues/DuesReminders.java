package cn.xianfeng.dues;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.TooManyRequestsException;
import cn.xianfeng.dues.DuesEvents.MemberReminded;
import cn.xianfeng.dues.internal.DuesAccess;
import cn.xianfeng.dues.internal.Ledgers;
import cn.xianfeng.dues.internal.Months;
import cn.xianfeng.dues.internal.ReminderRows;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/** 催缴: a collector reminds a member in arrears, at most once a day per member (429 for a second). */
@Service
public class DuesReminders {

    private final DuesAccess access;
    private final Ledgers ledgers;
    private final ReminderRows reminders;
    private final People people;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DuesReminders(DuesAccess access, Ledgers ledgers, ReminderRows reminders, People people, AuditTrail audit,
                  ApplicationEventPublisher events, Clock clock) {
        this.access = access;
        this.ledgers = ledgers;
        this.reminders = reminders;
        this.people = people;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public void urge(String username, String actor) {
        Person member = access.collectable(username, actor);
        List<YearMonth> unpaid = ledgers.of(username).unpaidBefore(YearMonth.now(clock));
        if (unpaid.isEmpty()) {
            throw new ConflictException(Refusal.of("dues.noArrears", member.name()));
        }
        if (!reminders.claim(username, "URGE", LocalDate.now(clock).toString(), actor, clock.instant())) {
            throw new TooManyRequestsException(Refusal.of("dues.remindedToday", member.name()));
        }
        String text = people.get(actor).name() + " 提醒您交纳党费：" + arrears(unpaid) + "。";
        audit.record(new AuditEntry(actor, member.orgCode(), AuditAction.DUES_URGED, null, null, null,
                Map.of("username", username, "months", Months.text(unpaid)), null, null));
        events.publishEvent(new MemberReminded(username, "DUES_URGED", text, actor));
    }

    /** 自2026年1月起共欠交 3 个月 */
    public static String arrears(List<YearMonth> unpaid) {
        return "自" + Months.chinese(unpaid.get(0)) + "起共欠交 " + unpaid.size() + " 个月";
    }
}
