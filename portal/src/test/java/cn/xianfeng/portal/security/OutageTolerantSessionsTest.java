package cn.xianfeng.portal.security;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;

import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A session save that fails because PostgreSQL went away after the request's work committed: given up when only the
 * last access time or a flash message is lost, refused (and so a 503) when the person would rely on what was lost.
 */
class OutageTolerantSessionsTest {

    static final DataAccessResourceFailureException OUTAGE = new DataAccessResourceFailureException("saving the session",
            new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));

    /** An in-memory store (a unit test may fake the database) whose saves fail while "down". */
    static final class Store extends MapSessionRepository {
        boolean down;
        RuntimeException failure = OUTAGE;

        Store(Map<String, org.springframework.session.Session> map) {
            super(map);
        }

        int lookups;

        @Override
        public MapSession findById(String id) {
            lookups++;
            if (down) {
                throw failure;
            }
            return super.findById(id);
        }

        @Override
        public void save(MapSession session) {
            if (down) {
                throw failure;
            }
            super.save(session);
        }
    }

    final Store store = new Store(new HashMap<>());
    final OutageTolerantSessions sessions = new OutageTolerantSessions(store);

    private String existing() {
        OutageTolerantSessions.Tracked s = sessions.createSession();
        s.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, "signed in");
        sessions.save(s);
        return s.getId();
    }

    @Test
    void anExistingSessionThatOnlyWasUsedOrGotAFlashMessageIsGivenUp() {
        String id = existing();
        OutageTolerantSessions.Tracked used = sessions.findById(id);
        used.setLastAccessedTime(Instant.now());
        used.setAttribute("org.springframework.web.servlet.support.SessionFlashMapManager.FLASH_MAPS", "办结成功");
        store.down = true;
        sessions.save(used);
        store.down = false;
        assertThat(sessions.findById(id).<String>getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
                .as("still signed in").isEqualTo("signed in");
    }

    /** Spring Session looks the session up again after saving it; during the outage that must not break the answer. */
    @Test
    void theSessionSavedInThisRequestIsFoundAgainDuringTheOutageUntilTheRequestEnds() {
        String id = existing();
        OutageTolerantSessions.Tracked used = sessions.findById(id);
        store.down = true;
        sessions.save(used);
        assertThat(sessions.findById(id).<String>getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
                .isEqualTo("signed in");
        assertThatThrownBy(() -> sessions.findById("someone-else")).isSameAs(OUTAGE);
        sessions.requestEnded();
        assertThatThrownBy(() -> sessions.findById(id)).as("the next request on this thread").isSameAs(OUTAGE);
    }

    @Test
    void theCheckAfterSavingIsAnsweredWithoutTheStoreUntilTheRequestEndsOrTheSessionIsDeleted() {
        String id = existing();
        sessions.requestEnded();
        OutageTolerantSessions.Tracked used = sessions.findById(id);
        sessions.save(used);
        int before = store.lookups;
        OutageTolerantSessions.Tracked again = sessions.findById(id);
        assertThat(store.lookups).isEqualTo(before);
        assertThat(again.getId()).isEqualTo(id);
        assertThat(again.mustKeep()).as("a lookup, not a new session").isFalse();
        sessions.requestEnded();
        sessions.findById(id);
        assertThat(store.lookups).as("the next request reads the store").isEqualTo(before + 1);

        OutageTolerantSessions.Tracked signedOut = sessions.findById(id);
        sessions.save(signedOut);
        sessions.deleteById(id);
        assertThat(sessions.findById(id)).as("deleted in this request").isNull();
    }

    @Test
    void aSessionUsedAgainWithinTheResolutionKeepsItsAccessTimeAndOneUsedLaterMovesIt() {
        String id = existing();
        sessions.requestEnded();
        OutageTolerantSessions.Tracked used = sessions.findById(id);
        Instant last = used.getLastAccessedTime();
        used.setLastAccessedTime(last.plus(OutageTolerantSessions.ACCESS_RESOLUTION).minusSeconds(1));
        assertThat(used.getLastAccessedTime()).as("not written for its access time alone").isEqualTo(last);
        Instant later = last.plus(OutageTolerantSessions.ACCESS_RESOLUTION);
        used.setLastAccessedTime(later);
        assertThat(used.getLastAccessedTime()).isEqualTo(later);

        OutageTolerantSessions.Tracked fresh = sessions.createSession();
        Instant soon = fresh.getLastAccessedTime().plusMillis(5);
        fresh.setLastAccessedTime(soon);
        assertThat(fresh.getLastAccessedTime()).as("a new session takes any time").isEqualTo(soon);
    }

    @Test
    void aNewSessionASignInASignOutAChangedIdOrANewCsrfTokenMustBeKept() {
        store.down = true;
        OutageTolerantSessions.Tracked fresh = sessions.createSession();
        assertThatThrownBy(() -> sessions.save(fresh)).isSameAs(OUTAGE);
        store.down = false;

        String id = existing();
        for (java.util.function.Consumer<OutageTolerantSessions.Tracked> change : java.util.List.<java.util.function.Consumer<OutageTolerantSessions.Tracked>>of(
                s -> s.changeSessionId(),
                s -> s.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY),
                s -> s.setAttribute("org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN", "t"))) {
            OutageTolerantSessions.Tracked s = sessions.findById(id);
            change.accept(s);
            store.down = true;
            assertThatThrownBy(() -> sessions.save(s)).isSameAs(OUTAGE);
            store.down = false;
        }
    }

    @Test
    void aFailureThatIsNoOutageIsNeverSwallowed() {
        String id = existing();
        OutageTolerantSessions.Tracked used = sessions.findById(id);
        store.down = true;
        store.failure = new IllegalStateException("a bug");
        assertThatThrownBy(() -> sessions.save(used)).hasMessage("a bug");
    }
}
