package cn.xianfeng.dues.internal;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * One member's ledger as rules read it: the standard in force for each month (the latest confirmed declaration
 * from that month or before), the first month owed, and the paid months. Pure: no database, no clock.
 */
public final class Timeline {

    private final TreeMap<YearMonth, Long> standards;
    private final Set<YearMonth> paid;

    /** {@code confirmed}: (from, standard) in the order they were confirmed; a later one wins for the same month. */
    public Timeline(List<Map.Entry<YearMonth, Long>> confirmed, Set<YearMonth> paid) {
        this.standards = new TreeMap<>();
        confirmed.forEach(e -> standards.put(e.getKey(), e.getValue()));
        this.paid = Set.copyOf(paid);
    }

    public Optional<YearMonth> owingFrom() {
        return standards.isEmpty() ? Optional.empty() : Optional.of(standards.firstKey());
    }

    public OptionalLong standard(YearMonth month) {
        Map.Entry<YearMonth, Long> e = standards.floorEntry(month);
        return e == null ? OptionalLong.empty() : OptionalLong.of(e.getValue());
    }

    public boolean isPaid(YearMonth month) {
        return paid.contains(month);
    }

    /** The first unpaid month from the first month owed (empty when nothing is owed yet). */
    public Optional<YearMonth> firstUnpaid() {
        return owingFrom().map(m -> {
            YearMonth cursor = m;
            while (paid.contains(cursor)) {
                cursor = cursor.plusMonths(1);
            }
            return cursor;
        });
    }

    /** The last month of the unbroken run of paid months from the first month owed; empty if that month is unpaid. */
    public Optional<YearMonth> paidUntil() {
        return firstUnpaid().map(m -> m.minusMonths(1)).filter(m -> !m.isBefore(owingFrom().orElseThrow()));
    }

    /** Unpaid months owed before {@code current} (the current month is not yet in arrears). */
    public List<YearMonth> unpaidBefore(YearMonth current) {
        List<YearMonth> out = new ArrayList<>();
        owingFrom().ifPresent(from -> Months.range(from, current.minusMonths(1)).stream()
                .filter(m -> !paid.contains(m)).forEach(out::add));
        return out;
    }

    public long sum(List<YearMonth> months) {
        long total = 0;
        for (YearMonth m : months) {
            total += standard(m).orElse(0);
        }
        return total;
    }
}
