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
    private final cn.xianfeng.cluster.Generations generations;

    CaseLock(JdbcClient jdbc, cn.xianfeng.cluster.Generations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    /**
     * The case of an open task, whether the task has co-signers ({@code task_signer} rows) and the steps (task
     * definition keys) of the case finished before.
     */
    public record LockedTask(String caseId, boolean coSigners, java.util.Set<String> finishedSteps) {
    }

    /**
     * Waits for, then holds until commit or rollback, the lock of the case an open task belongs to, in one statement
     * that also reads the cache generations for the transaction (so a step's authorization costs no statement of its
     * own while nothing changed), whether the task has co-signers and which steps the case finished before (what
     * makes a next step "repeated"). Empty when no such task is open. The statement's snapshot is taken before the
     * lock is granted: a rival completion of the same case that committed while this one waited may be missing from
     * the finished steps (only a next step's "repeated" mark can then be wrong; the engine reads afresh).
     */
    public java.util.Optional<LockedTask> holdForTask(String taskId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a case lock needs a transaction");
        }
        return jdbc.sql("select t.proc_inst_id_, pg_advisory_xact_lock(hashtext('case:' || t.proc_inst_id_)), "
                        + cn.xianfeng.cluster.Generations.READ + ", exists (select 1 from task_signer s where s.task_id = t.id_),"
                        + " array(select distinct h.task_def_key_ from act_hi_taskinst h where h.proc_inst_id_ = t.proc_inst_id_"
                        + " and h.end_time_ is not null and h.task_def_key_ is not null)"
                        + " from act_ru_task t where t.id_ = ? and t.proc_inst_id_ is not null")
                .param(taskId).query((rs, i) -> {
                    generations.seen(rs.getString(3));
                    return new LockedTask(rs.getString(1), rs.getBoolean(4),
                            java.util.Set.of((String[]) rs.getArray(5).getArray()));
                }).optional();
    }

    /** Waits for, then holds until commit or rollback, the case's lock. Requires a transaction. */
    public void hold(String processInstanceId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a case lock needs a transaction");
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("case:" + processInstanceId).query().singleRow();
    }
}
