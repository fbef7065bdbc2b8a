package cn.xianfeng.complaint.internal;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingDaysTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static WorkingDays at(String holidays, LocalDate day) {
        return new WorkingDays(holidays, Clock.fixed(day.atTime(10, 0).atZone(ZONE).toInstant(), ZONE));
    }

    @Test
    void weekendsDoNotCount() {
        LocalDate friday = LocalDate.of(2026, 9, 25);
        WorkingDays days = at("", friday);
        assertThat(days.after(friday, 1)).isEqualTo(LocalDate.of(2026, 9, 28));
        assertThat(days.after(friday, 3)).isEqualTo(LocalDate.of(2026, 9, 30));
        assertThat(ZonedDateTime.ofInstant(days.dueIn(1).toInstant(), ZONE).toLocalDateTime())
                .isEqualTo(LocalDate.of(2026, 9, 28).atTime(23, 59, 59));
    }

    @Test
    void configuredHolidaysDoNotCount() {
        LocalDate wednesday = LocalDate.of(2026, 9, 30);
        WorkingDays days = at("2026-10-01, 2026-10-02,2026-10-05,2026-10-06,2026-10-07", wednesday);
        assertThat(days.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();
        assertThat(days.after(wednesday, 1)).isEqualTo(LocalDate.of(2026, 10, 8));
        assertThat(days.after(wednesday, 3)).isEqualTo(LocalDate.of(2026, 10, 12));
    }
}
