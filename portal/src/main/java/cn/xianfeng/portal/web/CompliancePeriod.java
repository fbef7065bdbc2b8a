package cn.xianfeng.portal.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** The 会议督查 grid's period picker: a month (yyyy-MM) from 2000 up to this month; blank means this month. */
final class CompliancePeriod {

    static final YearMonth EARLIEST = YearMonth.of(2000, 1);

    private CompliancePeriod() {
    }

    /** The month asked for, this month when none was, or null when the value is not such a month. */
    static YearMonth parse(String value, YearMonth thisMonth) {
        if (value == null || value.isBlank()) {
            return thisMonth;
        }
        if (value.length() != 7) {
            return null;
        }
        try {
            YearMonth m = YearMonth.parse(value);
            return m.isBefore(EARLIEST) || m.isAfter(thisMonth) ? null : m;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
