package cn.xianfeng.complaint.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deadlines in working days: weekends and the configured holidays ({@code xianfeng.complaints.holidays},
 * comma-separated dates) do not count. "Within n working days" ends at the close of the n-th working day after
 * the day something arrived, in the application's zone.
 */
@Component
class WorkingDays {

    private final Set<LocalDate> holidays;
    private final Clock clock;

    WorkingDays(@Value("${xianfeng.complaints.holidays:}") String holidays, Clock clock) {
        this.holidays = Arrays.stream(holidays.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(LocalDate::parse).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays.contains(day);
    }

    /** The n-th working day after {@code day}. */
    LocalDate after(LocalDate day, int n) {
        LocalDate d = day;
        for (int counted = 0; counted < n; ) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                counted++;
            }
        }
        return d;
    }

    /** The due time n working days from now: the last second of that day. */
    Date dueIn(int n) {
        return dueAfter(clock.instant(), n);
    }

    Date dueAfter(Instant from, int n) {
        LocalDate day = after(LocalDate.ofInstant(from, clock.getZone()), n);
        return Date.from(day.plusDays(1).atStartOfDay(clock.getZone()).toInstant().minusSeconds(1));
    }
}
