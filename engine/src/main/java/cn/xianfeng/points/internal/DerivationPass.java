package cn.xianfeng.points.internal;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/**
 * Derives the ledger by cursor over the audit trail in (xid, id) order, below the snapshot's xmin (as search
 * indexing does, V50), so no event that commits late is passed. One transaction per batch holds the cursor's row
 * lock: a second node skips while one derives, and entries and the cursor move together. Entries are unique by
 * (event, subject, item), so deriving an event twice changes nothing.
 */
@Component
public class DerivationPass {

    static final int BATCH = 500;

    private final LedgerRows rows;
    private final Derivation derivation;
    private final RuleTable table;
    private final Clock clock;

    DerivationPass(LedgerRows rows, Derivation derivation, RuleTable table, Clock clock) {
        this.rows = rows;
        this.derivation = derivation;
        this.table = table;
        this.clock = clock;
    }

    /** The first transaction id not yet begun: every event committed before now lies below it. */
    public String horizon() {
        return rows.horizon();
    }

    /** Whether every event below {@code horizon} has been derived (its transactions ended and the cursor passed). */
    public boolean passed(String horizon) {
        return rows.passed(horizon);
    }

    /** One batch: how many entries it appended, or -1 when another node holds the cursor or nothing was left. */
    @Transactional
    public int batch() {
        LedgerRows.Position at = rows.lockCursor(false).orElse(null);
        if (at == null) {
            return -1;
        }
        List<TrailEvent> events = rows.eventsAfter(at, BATCH);
        if (events.isEmpty()) {
            return -1;
        }
        int version = table.version();
        int appended = 0;
        HistoricTasks tasks = derivation.tasksOf(events);
        for (TrailEvent e : events) {
            List<Earned> earned = derivation.of(e, tasks);
            for (Earned x : earned == null ? List.<Earned>of() : earned) {
                RuleTable.Priced p = table.price(x, version);
                if (p != null && rows.insertEntry(p, clock.instant())) {
                    appended++;
                }
            }
        }
        TrailEvent last = events.get(events.size() - 1);
        rows.moveCursor(new LedgerRows.Position(last.xid(), last.id()));
        return appended;
    }
}
