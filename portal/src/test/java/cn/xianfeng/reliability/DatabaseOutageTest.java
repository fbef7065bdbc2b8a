package cn.xianfeng.reliability;

import cn.xianfeng.portal.DatabaseOutage;
import org.flowable.common.engine.api.FlowableException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The wrappings seen in the outage test's log are an outage (503); a refused or broken statement is not. */
class DatabaseOutageTest {

    @Test
    void connectionFailuresInAnyWrappingAreAnOutage() {
        TransactionSystemException rollbackAfterShutdown = new TransactionSystemException("JDBC rollback failed");
        rollbackAfterShutdown.initCause(new SQLException("Connection is closed"));
        assertThat(DatabaseOutage.causedBy(rollbackAfterShutdown)).isTrue();
        assertThat(DatabaseOutage.causedBy(new FlowableException("query failed",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(DatabaseOutage.causedBy(new InternalAuthenticationServiceException("no user",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        assertThat(DatabaseOutage.causedBy(new RuntimeException(new PSQLException("refused",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT)))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseOutage.causedBy(new DataIntegrityViolationException("duplicate key",
                new PSQLException("duplicate key", PSQLState.UNIQUE_VIOLATION)))).isFalse();
        assertThat(DatabaseOutage.causedBy(new FlowableException("no such task"))).isFalse();
        assertThat(DatabaseOutage.causedBy(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseOutage.causedBy(new IllegalStateException())).isFalse();
    }
}
