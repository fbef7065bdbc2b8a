package cn.xianfeng.workflow;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One submitted value checked and parsed into its Java type — text, number, date, month, date and time, choice,
 * yes/no — or refused with a localized message ({@link FormInvalid}). Nothing here looks anything up.
 */
final class FormScalars {

    private static final Pattern LOCAL_DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2})?");
    /** Compiled once: the patterns come from the form definitions on the server, never from a request. */
    private static final java.util.Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_NUMBER_TEXT = 100;
    private static final int MAX_NUMBER_SCALE = 100;

    final FormMessages messages;
    private final LocalDate today;
    private final ZoneId zone;

    FormScalars(FormMessages messages, LocalDate today, ZoneId zone) {
        this.messages = messages;
        this.today = today;
        this.zone = zone;
    }

    FormInvalid invalid(String key, Object... arguments) {
        return new FormInvalid(messages.get(key, arguments));
    }


    /** Line ends normalized, control characters other than \n and \t refused, then stripped. */
    String text(String text) {
        String normalized = text.replace("\r\n", "\n");
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw invalid("control");
            }
        }
        return normalized.strip();
    }

    String text(FormField field, Object value) {
        if (!(value instanceof String text)) {
            throw invalid("not.text");
        }
        int length = text.codePointCount(0, text.length());
        if (field.minLength() != null && length < field.minLength()) {
            throw invalid("too.short", String.valueOf(field.minLength()));
        }
        if (length > field.effectiveMaxLength()) {
            throw invalid("too.long", String.valueOf(field.effectiveMaxLength()));
        }
        if (field.pattern() != null && !PATTERNS.computeIfAbsent(field.pattern(), Pattern::compile).matcher(text).matches()) {
            throw field.patternMessage() != null
                    ? new FormInvalid(field.patternMessage().in(messages.locale()))
                    : invalid("pattern");
        }
        return text;
    }

    Object number(FormField field, Object value) {
        BigDecimal number = decimal(value);
        if (field.min() != null && number.compareTo(new BigDecimal(field.min())) < 0) {
            throw invalid("too.small", field.min());
        }
        if (field.max() != null && number.compareTo(new BigDecimal(field.max())) > 0) {
            throw invalid("too.large", field.max());
        }
        if (!field.integer()) {
            return number;
        }
        try {
            return number.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw invalid("not.integer");
        }
    }

    private BigDecimal decimal(Object value) {
        BigDecimal number;
        try {
            if (value instanceof BigDecimal d) {
                number = d;
            } else if (value instanceof BigInteger i) {
                number = new BigDecimal(i);
            } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte) {
                number = BigDecimal.valueOf(((Number) value).longValue());
            } else if ((value instanceof Double || value instanceof Float)
                    && Double.isFinite(((Number) value).doubleValue())) {
                number = new BigDecimal(value.toString());
            } else if (value instanceof String s && s.length() <= MAX_NUMBER_TEXT) {
                number = new BigDecimal(s);
            } else {
                throw invalid("not.number");
            }
        } catch (NumberFormatException e) {
            throw invalid("not.number");
        }
        if (Math.abs(number.scale()) > MAX_NUMBER_SCALE) {
            throw invalid("not.number");
        }
        return number;
    }

    LocalDate date(FormField field, Object value) {
        LocalDate date;
        try {
            date = value instanceof LocalDate d ? cn.xianfeng.common.IsoDates.checked(d)
                    : cn.xianfeng.common.IsoDates.date(string(value, "not.date"));
        } catch (DateTimeParseException e) {
            throw invalid("not.date");
        }
        LocalDate min = bound(field.min());
        LocalDate max = bound(field.max());
        if (min != null && date.isBefore(min)) {
            throw invalid("date.before", min.toString());
        }
        if (max != null && date.isAfter(max)) {
            throw invalid("date.after", max.toString());
        }
        return date;
    }

    private LocalDate bound(String bound) {
        return bound == null ? null : FormDefinitions.TODAY.equals(bound) ? today : LocalDate.parse(bound);
    }

    YearMonth month(Object value) {
        try {
            return value instanceof YearMonth m ? m : cn.xianfeng.common.IsoDates.month(string(value, "not.month"));
        } catch (DateTimeParseException e) {
            throw invalid("not.month");
        }
    }

    /** ISO-8601 with offset (the API), or a local date and time in the application's zone (a page, a person). */
    OffsetDateTime dateTime(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        String text = string(value, "not.datetime");
        if (text.length() > 40) {
            throw invalid("not.datetime");
        }
        try {
            return cn.xianfeng.common.IsoDates.dateTime(text);
        } catch (DateTimeParseException e) {
            // a page's date and time, four-digit year, in the application's zone
            if (!LOCAL_DATE_TIME.matcher(text).matches()) {
                throw invalid("not.datetime");
            }
            try {
                return java.time.LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toOffsetDateTime();
            } catch (DateTimeParseException local) {
                throw invalid("not.datetime");
            }
        }
    }

    String choice(FormField field, Object value) {
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw invalid("invalid");
        }
        String text = String.valueOf(value);
        if (field.options().stream().noneMatch(o -> o.value().equals(text))) {
            throw invalid("not.option", text);
        }
        return text;
    }

    Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.valueOf(s.toLowerCase(Locale.ROOT));
        }
        throw invalid("not.boolean");
    }

    String string(Object value, String key) {
        if (value instanceof String s) {
            return s;
        }
        throw invalid(key);
    }
}
