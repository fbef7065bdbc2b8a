package cn.xianfeng.points.internal;

import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.points.PointsTypes.Difference;
import cn.xianfeng.points.PointsTypes.RebuildReport;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Recomputes the ledger from the whole audit trail with the latest table and compares it with every effective
 * ledger value: a value missing (ADDED), different (CHANGED: a changed table, or a row altered behind the
 * append-only trigger) or no longer given (REMOVED). Applying appends an entry or a correction for each, so the
 * ledger then equals the recomputation; a check only reports. Holds the cursor's lock, so no derivation runs meanwhile.
 */
@Component
public class LedgerRebuild {

    private final LedgerRows rows;
    private final Derivation derivation;
    private final RuleTable table;
    private final AuditTrail audit;
    private final Clock clock;

    LedgerRebuild(LedgerRows rows, Derivation derivation, RuleTable table, AuditTrail audit, Clock clock) {
        this.rows = rows;
        this.derivation = derivation;
        this.table = table;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public RebuildReport run(boolean apply, String actor) {
        rows.lockCursor(true);
        int version = table.version();
        Map<String, RuleTable.Priced> expected = new LinkedHashMap<>();
        Set<Long> undecidable = new HashSet<>();
        long after = 0;
        for (List<TrailEvent> batch = rows.earningEventsAfterId(0, 1000); !batch.isEmpty();
             batch = rows.earningEventsAfterId(after, 1000)) {
            HistoricTasks tasks = derivation.tasksOf(batch);
            for (TrailEvent e : batch) {
                List<Earned> earned = derivation.of(e, tasks);
                if (earned == null) {
                    undecidable.add(e.id());
                    continue;
                }
                for (Earned x : earned) {
                    RuleTable.Priced p = table.price(x, version);
                    if (p != null) {
                        expected.put(x.key(), p);
                    }
                }
            }
            after = batch.get(batch.size() - 1).id();
        }
        Map<String, LedgerRows.Row> ledger = new LinkedHashMap<>();
        rows.allEffective().forEach(r -> ledger.put(r.key(), r));
        Instant now = clock.instant();
        List<Difference> differences = new ArrayList<>();
        for (var x : expected.entrySet()) {
            RuleTable.Priced p = x.getValue();
            Earned e = p.earned();
            LedgerRows.Row r = ledger.get(x.getKey());
            if (r == null) {
                differences.add(new Difference(e.eventId(), e.subjectKind(), e.subject(), e.item(), "ADDED", null, null,
                        p.rule(), p.points()));
                if (apply && !rows.insertEntry(p, now)) {
                    // the key has an ENTRY that a correction revoked: a correction brings it back
                    rows.insertCorrection(p, lastId(e), now);
                }
            } else if (!same(r, p)) {
                differences.add(new Difference(e.eventId(), e.subjectKind(), e.subject(), e.item(), "CHANGED",
                        r.rule(), r.points(), p.rule(), p.points()));
                if (apply) {
                    rows.insertCorrection(p, r.id(), now);
                }
            }
        }
        for (LedgerRows.Row r : ledger.values()) {
            if (!expected.containsKey(r.key()) && !undecidable.contains(r.eventId())) {
                differences.add(new Difference(r.eventId(), r.subjectKind(), r.subject(), r.item(), "REMOVED", r.rule(),
                        r.points(), null, null));
                if (apply) {
                    rows.insertRevocation(r, now);
                }
            }
        }
        if (apply) {
            audit.record(new AuditEntry(actor, null, cn.xianfeng.audit.AuditAction.POINTS_REBUILT, null, null, null,
                    Map.of("entries", expected.size(), "differences", differences.size(), "tableVersion", version),
                    null, null));
        }
        return new RebuildReport(expected.size(), differences, apply);
    }

    private long lastId(Earned e) {
        return rows.lastId(e.eventId(), e.subjectKind(), e.subject(), e.item());
    }

    private static boolean same(LedgerRows.Row r, RuleTable.Priced p) {
        Earned e = p.earned();
        return r.rule().equals(p.rule()) && r.category().equals(p.category()) && r.points() == p.points()
                && Objects.equals(r.cap(), p.cap()) && r.period().equals(e.period()) && r.at().equals(e.at())
                && Objects.equals(r.caseId(), e.caseId());
    }
}
