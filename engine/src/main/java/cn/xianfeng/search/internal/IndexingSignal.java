package cn.xianfeng.search.internal;

import cn.xianfeng.audit.AuditEventRecorded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes the indexer when a transaction that recorded audit events commits. A plain listener, not a transactional
 * one: the event publication registry stores a publication for every transactional listener, and the cursor needs
 * none (the audit trail itself is the queue).
 */
@Component
class IndexingSignal {

    private final IndexingWorker worker;

    IndexingSignal(IndexingWorker worker) {
        this.worker = worker;
    }

    @EventListener
    void on(AuditEventRecorded recorded) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            worker.signal();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(IndexingSignal.this);
                if (status == STATUS_COMMITTED) {
                    worker.signal();
                }
            }
        });
    }
}
