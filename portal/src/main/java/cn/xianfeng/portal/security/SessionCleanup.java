package cn.xianfeng.portal.security;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Deletes expired sessions from PostgreSQL, on one node per interval (Spring Session's own cleanup, switched off in
 * application.yml, would run on every node every minute).
 */
@ConditionalOnWebApplication
@Component
class SessionCleanup {

    private final JdbcIndexedSessionRepository sessions;

    SessionCleanup(JdbcIndexedSessionRepository sessions) {
        this.sessions = sessions;
    }

    @Scheduled(fixedDelayString = "${xianfeng.sessions.cleanup-interval:PT1M}",
            initialDelayString = "${xianfeng.sessions.cleanup-interval:PT1M}")
    @SchedulerLock(name = "session-cleanup", lockAtLeastFor = "${xianfeng.sessions.cleanup-interval:PT1M}",
            lockAtMostFor = "${xianfeng.sessions.cleanup-interval:PT1M}")
    public void deleteExpired() {
        sessions.cleanUpExpiredSessions();
    }
}
