package cn.xianfeng.workflow.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One completion at a time per case. Flowable's parallel multi-instance counts its finished instances from what
 * its own transaction sees: two co-handlers completing at the same instant each saw the other still open, both
 * waited, and the join never fired (no optimistic-lock error either). Holding a transaction-scoped advisory lock
 * on the case before the engine reads anything makes the second completion see the first one's commit.
 */
@Component
public class CaseLock {

    private final JdbcClient jdbc;

    CaseLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for, then holds until commit or rollback, the case's lock. Requires a transaction. */
    public void hold(String processInstanceId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a case lock needs a transaction");
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("case:" + processInstanceId).query().singleRow();
    }
}
