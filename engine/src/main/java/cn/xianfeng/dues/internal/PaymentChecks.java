package cn.xianfeng.dues.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.InvalidInputException.Violation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** What a payment's months and date must be, checked before anything is written. */
final class PaymentChecks {

    static final int MAX_MONTHS = 24;
    static final int MAX_AHEAD = 12;

    private PaymentChecks() {
    }

    /**
     * The months must not be paid already (409), must be owed (a confirmed standard), must run without a gap from
     * the first unpaid month, and may reach at most a year beyond the current month.
     */
    static void months(Timeline t, List<YearMonth> months, YearMonth current) {
        List<String> paid = months.stream().filter(t::isPaid).map(YearMonth::toString).toList();
        if (!paid.isEmpty()) {
            throw new ConflictException(Refusal.of("dues.monthsPaid", String.join("、", paid)));
        }
        YearMonth first = t.firstUnpaid().orElseThrow(() -> InvalidInputException.of("months",
                Refusal.of("dues.memberWithoutBase")));
        for (YearMonth m : months) {
            if (t.standard(m).isEmpty()) {
                throw InvalidInputException.of("months", Refusal.of("dues.noStandardYet", m, t.owingFrom().orElseThrow()));
            }
        }
        if (!months.get(0).equals(first) || !months.equals(Months.range(first, months.get(months.size() - 1)))) {
            throw InvalidInputException.of("months", Refusal.of("dues.payInOrder", first));
        }
        if (months.get(months.size() - 1).isAfter(current.plusMonths(MAX_AHEAD))) {
            throw InvalidInputException.of("months", Refusal.of("dues.aheadLimit", current.plusMonths(MAX_AHEAD)));
        }
    }

    static List<YearMonth> months(List<String> given, List<Violation> problems) {
        if (given == null || given.isEmpty() || given.size() > MAX_MONTHS) {
            problems.add(new Violation("months", Refusal.of("dues.monthsCount", String.valueOf(MAX_MONTHS))));
            return List.of();
        }
        List<YearMonth> out = new ArrayList<>();
        for (String text : given) {
            var m = Months.parse(text);
            if (m.isEmpty()) {
                problems.add(new Violation("months", Refusal.of("dues.monthFormatOf", abbreviated(text))));
                return List.of();
            }
            if (out.contains(m.get())) {
                problems.add(new Violation("months", Refusal.of("dues.monthRepeated", m.get())));
                return List.of();
            }
            out.add(m.get());
        }
        out.sort(null);
        return out;
    }

    static LocalDate paidOn(String text, LocalDate today, List<Violation> problems) {
        try {
            LocalDate d = LocalDate.parse(text == null ? "" : text.strip());
            if (d.isAfter(today) || d.getYear() < 2000) {
                problems.add(new Violation("paidOn", Refusal.of("dues.paidOnRange")));
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            problems.add(new Violation("paidOn", Refusal.of("dues.dateFormat")));
            return today;
        }
    }

    private static String abbreviated(String text) {
        return text == null ? "null" : text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}
