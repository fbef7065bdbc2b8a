package cn.xianfeng.portal.api;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a value that did not bind must be, said to a person (bundle keys {@code api.binding.*}, the request's
 * language): for JSON bodies, query parameters and page forms alike.
 */
public final class ExpectedValues {

    private ExpectedValues() {
    }

    /** The message for a value of this type, in the request's language. */
    public static String message(MessageSource messages, Class<?> type) {
        return message(messages, of(type));
    }

    /** The message for {@link #of}, in the request's language. */
    public static String message(MessageSource messages, String expected) {
        String[] parts = expected.split(":", 2);
        return messages.getMessage("api.binding." + parts[0], new Object[]{parts.length > 1 ? parts[1] : ""},
                LocaleContextHolder.getLocale());
    }

    /** What a value of this type must be: a message key, with the enum's constants after a colon. */
    public static String of(Class<?> type) {
        if (type.isEnum()) {
            return "one-of:" + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (type == int.class || type == long.class || type == short.class || type == Integer.class || type == Long.class
                || type == Short.class || type == BigInteger.class) {
            return "integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class || type == BigDecimal.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == LocalDate.class) {
            return "date";
        }
        if (type == YearMonth.class) {
            return "month";
        }
        if (type == OffsetDateTime.class || type == java.time.Instant.class) {
            return "date-time";
        }
        if (type == String.class) {
            return "text";
        }
        return "value";
    }

}
