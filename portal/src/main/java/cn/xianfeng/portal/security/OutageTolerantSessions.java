package cn.xianfeng.portal.security;

import cn.xianfeng.portal.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The shared sessions (PostgreSQL), saved when the response is committed, after the request's work committed. If the
 * database goes away in between, refusing the response would tell the person that work which was done failed (and
 * their retry gets 409). So a save that fails for an outage is given up, with a warning, when all it would have kept
 * is the last access time or a flash message. It still fails (503) when the person would otherwise believe in
 * something that was not kept: a new session, a changed session id, a sign-in or sign-out, a new CSRF token.
 */
final class OutageTolerantSessions implements SessionRepository<OutageTolerantSessions.Tracked> {

    private static final Logger log = LoggerFactory.getLogger(OutageTolerantSessions.class);
    /** What a later request relies on: losing it would break the person's next step, not only a banner. */
    private static final Set<String> MUST_KEEP = Set.of(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
            HttpSessionCsrfTokenRepository.class.getName().concat(".CSRF_TOKEN"));

    /** How finely a session's last access is kept (its expiry follows it). */
    static final Duration ACCESS_RESOLUTION = Duration.ofMinutes(1);

    private final SessionRepository<Session> sessions;
    /**
     * The session this request saved: Spring Session looks it up again right after saving (is the requested id
     * still valid?), and once more at the end of the request. That lookup is answered from here, without a
     * statement: during an outage it would otherwise turn a request whose answer is already on its way into a broken
     * connection. Cleared by the filter after every request.
     */
    private final ThreadLocal<Tracked> savedHere = new ThreadLocal<>();

    @SuppressWarnings("unchecked")
    OutageTolerantSessions(SessionRepository<? extends Session> sessions) {
        // the JDBC repository's session type is not public; it only ever gets back the sessions it made
        this.sessions = (SessionRepository<Session>) sessions;
    }

    @Override
    public Tracked createSession() {
        return new Tracked(sessions.createSession(), true);
    }

    @Override
    public void save(Tracked session) {
        try {
            sessions.save(session.delegate);
            savedHere.set(session);
        } catch (RuntimeException e) {
            if (session.mustKeep() || !DatabaseOutage.causedBy(e)) {
                throw e;
            }
            log.warn("session not saved, the database is unreachable: only its last access time or a flash message is lost ({})",
                    e.getClass().getSimpleName());
            savedHere.set(session);
        }
    }

    @Override
    public Tracked findById(String id) {
        Tracked savedNow = savedHere.get();
        if (savedNow != null && savedNow.getId().equals(id)) {
            // Spring Session's check after saving (is the requested id still valid?): this request just wrote it
            return new Tracked(savedNow.delegate, false);
        }
        Session found = sessions.findById(id);
        return found == null ? null : new Tracked(found, false);
    }

    /** The end of a request (the filter calls it): a pooled thread must not carry one person's session to another. */
    void requestEnded() {
        savedHere.remove();
    }

    @Override
    public void deleteById(String id) {
        Tracked saved = savedHere.get();
        if (saved != null && saved.getId().equals(id)) {
            savedHere.remove(); // gone: the check after saving must not find it here
        }
        sessions.deleteById(id);
    }

    /** A session that remembers whether this request changed what must be kept. */
    static final class Tracked implements Session {

        private final Session delegate;
        private final boolean isNew;
        private boolean mustKeep;

        Tracked(Session delegate, boolean isNew) {
            this.delegate = delegate;
            this.isNew = isNew;
            this.mustKeep = isNew;
        }

        boolean mustKeep() {
            return mustKeep;
        }

        @Override
        public String getId() {
            return delegate.getId();
        }

        @Override
        public String changeSessionId() {
            mustKeep = true;
            return delegate.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String name) {
            return delegate.getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNames() {
            return delegate.getAttributeNames();
        }

        @Override
        public void setAttribute(String name, Object value) {
            mustKeep |= MUST_KEEP.contains(name);
            delegate.setAttribute(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            mustKeep |= MUST_KEEP.contains(name);
            delegate.removeAttribute(name);
        }

        @Override
        public Instant getCreationTime() {
            return delegate.getCreationTime();
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            // kept to the minute: a session used again within ACCESS_RESOLUTION is not written for its access time
            // alone (an UPDATE and a transaction per request); it may expire that much earlier than to the second
            if (isNew || !lastAccessedTime.isBefore(delegate.getLastAccessedTime().plus(ACCESS_RESOLUTION))) {
                delegate.setLastAccessedTime(lastAccessedTime);
            }
        }

        @Override
        public Instant getLastAccessedTime() {
            return delegate.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            delegate.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return delegate.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return delegate.isExpired();
        }
    }
}
