package cn.xianfeng.notice;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** A person's in-app notices: listing them, counting the unread, marking them read. */
@Service
public class Notices {

    private final JdbcClient jdbc;
    private final Clock clock;

    Notices(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Notice(long id, String kind, String text, String caseId, String taskId, Instant createdAt,
                         Instant readAt) {
    }

    public List<Notice> of(String username, int limit) {
        return jdbc.sql("select * from notice where username = ? order by created_at desc, id desc limit ?")
                .params(username, Math.max(1, Math.min(limit, 200)))
                .query((rs, i) -> new Notice(rs.getLong("id"), rs.getString("kind"), rs.getString("text"),
                        rs.getString("case_id"), rs.getString("task_id"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("read_at") == null ? null : rs.getTimestamp("read_at").toInstant()))
                .list();
    }

    public int unread(String username) {
        return jdbc.sql("select count(*) from notice where username = ? and read_at is null").param(username)
                .query(Integer.class).single();
    }

    /** Marks the viewer's own notices read (all, or one); someone else's notice id changes nothing. */
    public int markRead(String username, Long id) {
        return id == null
                ? jdbc.sql("update notice set read_at = ? where username = ? and read_at is null")
                        .params(Timestamp.from(clock.instant()), username).update()
                : jdbc.sql("update notice set read_at = ? where username = ? and id = ? and read_at is null")
                        .params(Timestamp.from(clock.instant()), username, id).update();
    }
}
