package cn.xianfeng.points.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the monthly caps: within a subject's month and category, entries in the order they happened (then by
 * event) are credited until the cap stored with each is reached; a negative entry always counts. The order is the
 * trail's, not the derivation's, so the same ledger always gives the same credits.
 */
final class Credits {

    private Credits() {
    }

    record Credited(LedgerRows.Row row, int points) {
    }

    static final Comparator<LedgerRows.Row> ORDER = Comparator.comparing(LedgerRows.Row::at)
            .thenComparingLong(LedgerRows.Row::eventId).thenComparing(LedgerRows.Row::item);

    static List<Credited> of(List<LedgerRows.Row> rows) {
        List<LedgerRows.Row> sorted = new ArrayList<>(rows);
        sorted.sort(ORDER);
        Map<String, Integer> running = new HashMap<>();
        List<Credited> out = new ArrayList<>();
        for (LedgerRows.Row r : sorted) {
            String bucket = r.subjectKind() + "|" + r.subject() + "|" + r.period() + "|" + r.category();
            int sum = running.getOrDefault(bucket, 0);
            int credited = r.points() <= 0 || r.cap() == null ? r.points() : Math.max(0, Math.min(r.points(), r.cap() - sum));
            running.put(bucket, sum + credited);
            out.add(new Credited(r, credited));
        }
        return out;
    }

    static Map<String, Integer> totals(List<LedgerRows.Row> rows) {
        Map<String, Integer> out = new HashMap<>();
        for (Credited c : of(rows)) {
            out.merge(c.row().subject(), c.points(), Integer::sum);
        }
        return out;
    }

}
