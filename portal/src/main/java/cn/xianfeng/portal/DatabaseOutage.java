package cn.xianfeng.portal;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a failure caused by an unreachable database from any other: while PostgreSQL is down or restarting,
 * every request fails, and the client deserves a 503 ("try again") rather than a 500 ("we are broken").
 * Flowable, MyBatis, Spring Security and Hikari each wrap the driver's exception differently, so the whole
 * cause chain is inspected.
 */
public final class DatabaseOutage {

    /** PostgreSQL's "admin shutdown", "crash shutdown" and "cannot connect now" (starting or stopping). */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");
    private static final String HIKARI_CLOSED = "Connection is closed";
    private static final int MAX_DEPTH = 20;

    private DatabaseOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            if (isConnectionFailure(t)) {
                return true;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return false;
    }

    private static boolean isConnectionFailure(Throwable t) {
        if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof ConnectException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            // SQL state class 08: connection exception (refused, broken, closed)
            return sql.getSQLState().startsWith("08") || SERVER_GOING_AWAY.contains(sql.getSQLState());
        }
        // Hikari's proxy of a connection it has already evicted (no SQL state): e.g. the rollback after a commit
        // that the server's shutdown cut off, which Spring reports as "JDBC rollback failed"
        return t instanceof SQLException && HIKARI_CLOSED.equals(t.getMessage());
    }
}
