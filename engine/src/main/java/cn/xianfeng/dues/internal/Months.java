package cn.xianfeng.dues.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Months as people write them ({@code yyyy-MM}) and as the tables keep them (the first day of the month). */
public final class Months {

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private Months() {
    }

    /** A {@code yyyy-MM} string as a month; empty when it is not one (also for out-of-range months). */
    public static Optional<YearMonth> parse(String text) {
        if (text == null || !MONTH.matcher(text.strip()).matches()) {
            return Optional.empty();
        }
        try {
            YearMonth m = YearMonth.parse(text.strip());
            return m.getYear() < 1900 || m.getYear() > 2999 ? Optional.empty() : Optional.of(m);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static LocalDate first(YearMonth month) {
        return month.atDay(1);
    }

    public static YearMonth of(LocalDate firstDay) {
        return YearMonth.from(firstDay);
    }

    /** The months from {@code from} to {@code to}, both included (empty when to is before from). */
    public static List<YearMonth> range(YearMonth from, YearMonth to) {
        List<YearMonth> out = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            out.add(m);
        }
        return out;
    }

    /** How many months from {@code from} up to but not including {@code to} (0 when to is not after from). */
    public static int between(YearMonth from, YearMonth to) {
        long n = java.time.temporal.ChronoUnit.MONTHS.between(from, to);
        return (int) Math.max(0, n);
    }

    public static List<String> text(List<YearMonth> months) {
        return months.stream().map(YearMonth::toString).toList();
    }

    /** 2026年3月 */
    public static String chinese(YearMonth m) {
        return m.getYear() + "年" + m.getMonthValue() + "月";
    }

    /** 2026年1月—2026年3月（3个月）, or 2026年3月 for one month, for receipts and notices. */
    public static String span(List<YearMonth> sorted) {
        if (sorted.isEmpty()) {
            return "";
        }
        if (sorted.size() == 1) {
            return chinese(sorted.get(0));
        }
        return chinese(sorted.get(0)) + "—" + chinese(sorted.get(sorted.size() - 1)) + "（" + sorted.size() + "个月）";
    }

    /** 1234 fen as 12.34 */
    public static String yuan(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
