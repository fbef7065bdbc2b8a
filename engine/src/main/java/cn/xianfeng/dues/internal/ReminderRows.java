package cn.xianfeng.dues.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;

/** Reminders sent, one per member, kind and period: what makes "once a month" and "once a day" hold. */
@Repository
public class ReminderRows {

    private final JdbcClient jdbc;

    ReminderRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when this member was reminded of this kind in this period already. */
    public boolean claim(String username, String kind, String period, String by, Instant at) {
        return jdbc.sql("""
                insert into dues_reminder (username, kind, period, sent_by, sent_at) values (?, ?, ?, ?, ?)
                on conflict do nothing""").params(username, kind, period, by, Timestamp.from(at)).update() > 0;
    }
}
