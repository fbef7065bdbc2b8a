package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.internal.IndexingCursor.Move;
import cn.xianfeng.search.internal.IndexingCursor.Position;
import cn.xianfeng.search.internal.IndexingPass.Batch;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One batch on PostgreSQL search in one transaction: the events after the cursor with their cases' sources, then
 * the documents written and the cursor moved (the lease renewed with it) in one statement — two statements, one
 * commit. The events read are those of transactions that had all ended ({@link Sources#auditAfter}), read first in
 * the transaction, before it writes and so has an id of its own. A document PostgreSQL refuses fails that statement
 * and so the transaction: the batch is then written the slow way, halving to find the refused rows, and the cursor
 * moved after it; so is a batch of retried events only (nothing after the cursor).
 */
final class PostgresTransactionalStep {

    /** {@code batch}: null when there was nothing to index; {@code moved}: false when the cursor was not ours. */
    record Outcome(Batch batch, boolean moved) {
    }

    private final PostgresSearchIndex index;
    private final IndexingCursor cursor;
    private final TransactionTemplate transaction;

    PostgresTransactionalStep(PostgresSearchIndex index, IndexingCursor cursor, TransactionTemplate transaction) {
        this.index = index;
        this.cursor = cursor;
        this.transaction = transaction;
    }

    /**
     * @param read     the batch after a position, with the due events
     * @param move     the cursor's move to the end of a batch
     * @param failures records a batch's failed events (refused or not derived) and clears the retried ones
     */
    Outcome run(Position from, List<Long> due, BiFunction<Position, List<Long>, Batch> read, Function<Batch, Move> move,
                WrittenTasks written, BiConsumer<Batch, IndexOutcome> failures) {
        Batch[] held = new Batch[1];
        @SuppressWarnings("unchecked")
        List<SearchDocument>[] changed = new List[1];
        Boolean moved;
        try {
            moved = transaction.execute(status -> {
                Batch b = read.apply(from, due);
                held[0] = b;
                if (b == null || b.events().isEmpty()) {
                    return null; // nothing, or retried events only: no cursor to move with them
                }
                changed[0] = written.changed(b.derived().documents());
                if (!index.indexMoving(changed[0], move.apply(b))) {
                    return false;
                }
                failures.accept(b, IndexOutcome.ALL_STORED);
                return true;
            });
        } catch (DataAccessException e) {
            if (held[0] == null || changed[0] == null || !PostgresWrites.refusesData(e)) {
                throw e;
            }
            return slowly(held[0], move, written, failures); // rolled back: nothing of the batch was stored
        }
        if (held[0] == null) {
            return new Outcome(null, false);
        }
        if (moved == null) {
            return slowly(held[0], move, written, failures);
        }
        if (moved) {
            written.stored(changed[0], Map.of());
        }
        return new Outcome(held[0], moved);
    }

    /** Written without a transaction, each refused document found by halving, then the cursor moved. */
    private Outcome slowly(Batch b, Function<Batch, Move> move, WrittenTasks written,
                           BiConsumer<Batch, IndexOutcome> failures) {
        List<SearchDocument> documents = written.changed(b.derived().documents());
        IndexOutcome outcome = index.index(documents);
        written.stored(documents, outcome.rejected());
        failures.accept(b, outcome);
        boolean moved = b.events().isEmpty() || cursor.advance(move.apply(b));
        return new Outcome(b, moved);
    }
}
