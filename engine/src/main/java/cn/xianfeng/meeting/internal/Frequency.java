package cn.xianfeng.meeting.internal;

import java.time.LocalDate;
import java.time.temporal.IsoFields;

/** How often a meeting type is due, and the calendar periods that makes: months, quarters, years. */
public enum Frequency {
    MONTHLY, QUARTERLY, YEARLY;

    public record Period(String key, LocalDate start, LocalDate end) {
    }

    public Period periodOf(LocalDate day) {
        return switch (this) {
            case MONTHLY -> {
                LocalDate start = day.withDayOfMonth(1);
                yield new Period(String.format("%d-%02d", day.getYear(), day.getMonthValue()), start,
                        start.plusMonths(1).minusDays(1));
            }
            case QUARTERLY -> {
                int q = day.get(IsoFields.QUARTER_OF_YEAR);
                LocalDate start = LocalDate.of(day.getYear(), (q - 1) * 3 + 1, 1);
                yield new Period(day.getYear() + "-Q" + q, start, start.plusMonths(3).minusDays(1));
            }
            case YEARLY -> new Period(String.valueOf(day.getYear()), day.withDayOfYear(1),
                    day.withDayOfYear(1).plusYears(1).minusDays(1));
        };
    }

    public Period previous(LocalDate day) {
        return periodOf(periodOf(day).start().minusDays(1));
    }

    public Period next(LocalDate day) {
        return periodOf(periodOf(day).end().plusDays(1));
    }
}
