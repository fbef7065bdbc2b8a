package cn.xianfeng.search.internal;

import cn.xianfeng.search.DeadLetter;
import org.springframework.stereotype.Component;

import java.util.List;

/** The indexer's failures as the module's API shows them (the table behind them stays internal). */
@Component
public class IndexingStatus {

    private final IndexingFailures failures;
    private final IndexingWorker worker;

    IndexingStatus(IndexingFailures failures, IndexingWorker worker) {
        this.failures = failures;
        this.worker = worker;
    }

    public List<DeadLetter> deadLetters(int limit) {
        return failures.deadLetters(limit);
    }

    /** Requeues a dead letter and wakes the indexer; false if the event is not a dead letter. */
    public boolean requeue(long eventId) {
        boolean requeued = failures.requeue(eventId);
        if (requeued) {
            worker.signal();
        }
        return requeued;
    }

    public long deadLetterCount() {
        return failures.deadLetterCount();
    }

    public long pendingCount() {
        return failures.pendingCount();
    }
}
