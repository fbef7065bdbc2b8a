package cn.xianfeng.common;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * Dates as the API promises them: {@code yyyy-MM-dd}, {@code yyyy-MM} and ISO date-times, with exactly four year
 * digits. {@code java.time}'s ISO parsers also take {@code -999999999-01-01} and {@code +1000000000-01-01}, which
 * then overflow a computation or the database (a 500); here they fail to parse (a 400).
 */
public final class IsoDates {

    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4).appendLiteral('-').appendValue(ChronoField.MONTH_OF_YEAR, 2)
            .appendLiteral('-').appendValue(ChronoField.DAY_OF_MONTH, 2).toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter MONTH = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4).appendLiteral('-').appendValue(ChronoField.MONTH_OF_YEAR, 2).toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DATE).appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME).appendOffsetId().toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private IsoDates() {
    }

    public static LocalDate date(String text) {
        return LocalDate.parse(text, DATE);
    }

    public static YearMonth month(String text) {
        return YearMonth.parse(text, MONTH);
    }

    public static OffsetDateTime dateTime(String text) {
        return OffsetDateTime.parse(text, DATE_TIME);
    }

    /** A date already parsed elsewhere (e.g. by a JSON library) that lies outside the four-digit years. */
    public static LocalDate checked(LocalDate date) {
        if (date != null && (date.getYear() < 1 || date.getYear() > 9999)) {
            throw new DateTimeParseException("year outside 0001-9999", date.toString(), 0);
        }
        return date;
    }
}
