package cn.xianfeng.admission.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;

/** Dates the rules make, and due dates as Flowable wants them: the end of the local day. */
final class Dates {

    private Dates() {
    }

    static Date endOf(LocalDate day, Clock clock) {
        return Date.from(day.plusDays(1).atStartOfDay(clock.getZone()).toInstant().minusSeconds(1));
    }

    static Date startOf(LocalDate day, Clock clock) {
        return Date.from(day.atStartOfDay(clock.getZone()).toInstant());
    }

    static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        return value == null ? null : LocalDate.parse(value.toString());
    }
}
