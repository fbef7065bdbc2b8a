package cn.xianfeng.workflow;

import org.springframework.beans.factory.ObjectProvider;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Server-side validation of submitted form data against a {@link FormDefinition}. Trusts nothing from the
 * client: unknown fields are refused, read-only and hidden fields are dropped, every value is parsed into its
 * Java type. Either every bad field is reported, or the cleaned values are returned.
 */
public class FormValidator {

    private static final java.util.regex.Pattern LOCAL_DATE_TIME =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2})?");

    private static final int MAX_NUMBER_TEXT = 100;
    private static final int MAX_NUMBER_SCALE = 100;

    private final Supplier<FormReferenceChecker> checker;
    private final Supplier<Clock> clock;

    private FormValidator(Supplier<FormReferenceChecker> checker, Supplier<Clock> clock) {
        this.checker = checker;
        this.clock = clock;
    }

    /** The application's validator: the checker and clock are looked up when used, so either may come later. */
    public static FormValidator lookingUp(ObjectProvider<FormReferenceChecker> checkers, ObjectProvider<Clock> clocks) {
        Supplier<Clock> clock = once(clocks::getIfUnique);
        return new FormValidator(once(checkers::getIfUnique), () -> {
            Clock c = clock.get();
            return c != null ? c : Clock.systemDefaultZone(); // not kept: the application's may come later
        });
    }

    /**
     * The first value found (not null), kept: asking the bean factory on every validation cost a few percent of a
     * step's CPU. Nothing found is asked again next time.
     */
    private static <T> Supplier<T> once(Supplier<T> lookup) {
        java.util.concurrent.atomic.AtomicReference<T> found = new java.util.concurrent.atomic.AtomicReference<>();
        return () -> {
            T value = found.get();
            if (value == null) {
                value = lookup.get();
                found.compareAndSet(null, value);
            }
            return value;
        };
    }

    /** Without Spring; a null checker refuses every person and attachment value. */
    public static FormValidator of(FormReferenceChecker checker, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new FormValidator(() -> checker, () -> clock);
    }

    public ValidatedForm validate(FormDefinition form, Map<String, Object> submitted, Locale locale) {
        return validate(form, submitted, locale, null);
    }

    /**
     * @param actor who submits: the people and orgs they name must be within what their pickers offer them (a null
     *              actor, the system itself, may name anyone who exists)
     */
    public ValidatedForm validate(FormDefinition form, Map<String, Object> submitted, Locale locale, String actor) {
        Objects.requireNonNull(form, "form");
        Map<String, Object> input = submitted == null ? Map.of() : submitted;
        Clock now = clock.get();
        Values values = new Values(FormMessages.of(locale), LocalDate.now(now), now.getZone(), checker, actor);

        Map<String, Object> accepted = new HashMap<>();
        for (FormField field : form.fields()) {
            if (!field.readOnly() && input.containsKey(field.id())) {
                accepted.put(field.id(), input.get(field.id()));
            }
        }
        Map<String, Object> visible = new HashMap<>(accepted);
        form.fields().stream().filter(f -> !visible(form, f, accepted, 0)).forEach(f -> visible.remove(f.id()));

        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> cleaned = new LinkedHashMap<>();
        for (FormField field : form.fields()) {
            if (field.readOnly() || !visible(form, field, accepted, 0)) {
                continue;
            }
            boolean required = field.required() || field.requiredWhen() != null && field.requiredWhen().holds(visible);
            if (field.type() == FieldType.GROUP) {
                List<FieldError> rowErrors = new ArrayList<>();
                Object rows = values.rows(field, input.get(field.id()), rowErrors);
                errors.addAll(rowErrors);
                if (rows != null) {
                    cleaned.put(field.id(), rows);
                } else if (required && rowErrors.isEmpty()) {
                    errors.add(new FieldError(field.id(), values.messages.get("required")));
                }
                continue;
            }
            try {
                Object value = values.clean(field, input.get(field.id()));
                if (value != null) {
                    cleaned.put(field.id(), value);
                } else if (required) {
                    errors.add(new FieldError(field.id(), values.messages.get("required")));
                }
            } catch (Invalid e) {
                errors.add(new FieldError(field.id(), e.getMessage()));
            }
        }
        for (String name : input.keySet()) {
            if (form.field(name).isEmpty()) {
                errors.add(new FieldError(name, values.messages.get("unknown")));
            }
        }
        return ValidatedForm.of(errors, cleaned);
    }

    private static boolean visible(FormDefinition form, FormField field, Map<String, Object> values, int depth) {
        Condition when = field.visibleWhen();
        if (when == null) {
            return true;
        }
        if (depth > form.fields().size()) {
            return false;
        }
        FormField target = form.field(when.field()).orElse(null);
        return (target == null || visible(form, target, values, depth + 1)) && when.holds(values);
    }

    /** A bad value; the message is already localized. */
    private static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Turns submitted values into typed values; null means "no value". */
    private static final class Values {
        final FormMessages messages;
        final LocalDate today;
        final java.time.ZoneId zone;
        final Supplier<FormReferenceChecker> checker;
        final String actor;

        Values(FormMessages messages, LocalDate today, java.time.ZoneId zone, Supplier<FormReferenceChecker> checker,
               String actor) {
            this.messages = messages;
            this.today = today;
            this.zone = zone;
            this.checker = checker;
            this.actor = actor;
        }

        /**
         * A group's rows: a list of objects (a lone object counts as one row), each checked column by column. A row
         * whose columns are all empty is dropped (the blank row a page offers). Every bad cell is reported as
         * {@code group[i].column} with the row number and the column's label in the message.
         */
        Object rows(FormField field, Object value, List<FieldError> errors) {
            if (value == null) {
                return null;
            }
            List<?> elements;
            if (value instanceof Collection<?> collection) {
                elements = new ArrayList<>(collection);
            } else if (value instanceof Object[] array) {
                elements = Arrays.asList(array);
            } else if (value instanceof Map<?, ?>) {
                elements = List.of(value);
            } else {
                errors.add(new FieldError(field.id(), messages.get("not.rows")));
                return null;
            }
            int max = field.effectiveMaxItems();
            if (elements.size() > max) {
                // refused before any row is looked at: the cost of a request stays bounded
                errors.add(new FieldError(field.id(), messages.get("too.many", String.valueOf(max))));
                return null;
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = 0; i < elements.size(); i++) {
                String at = field.id() + "[" + i + "]";
                String row = String.valueOf(i + 1);
                if (!(elements.get(i) instanceof Map<?, ?> cells)) {
                    errors.add(new FieldError(at, messages.get("row", row, messages.get("not.row"))));
                    continue;
                }
                for (Object key : cells.keySet()) {
                    if (field.column(String.valueOf(key)).isEmpty()) {
                        errors.add(new FieldError(at + "." + key, messages.get("row", row, messages.get("unknown"))));
                    }
                }
                Map<String, Object> cleaned = new LinkedHashMap<>();
                List<FieldError> missing = new ArrayList<>();
                int before = errors.size();
                for (FormField column : field.fields()) {
                    String cell = at + "." + column.id();
                    String label = column.label(messages.locale());
                    try {
                        Object v = clean(column, cells.get(column.id()));
                        if (v != null) {
                            cleaned.put(column.id(), v);
                        } else if (column.required()) {
                            missing.add(new FieldError(cell, messages.get("cell", row, label, messages.get("required"))));
                        }
                    } catch (Invalid e) {
                        errors.add(new FieldError(cell, messages.get("cell", row, label, e.getMessage())));
                    }
                }
                if (cleaned.isEmpty() && errors.size() == before) {
                    continue; // a blank row
                }
                errors.addAll(missing);
                out.add(cleaned);
            }
            if (out.isEmpty()) {
                return null;
            }
            if (field.minItems() != null && out.size() < field.minItems()) {
                errors.add(new FieldError(field.id(), messages.get("too.few", String.valueOf(field.minItems()))));
            }
            return List.copyOf(out);
        }

        Invalid invalid(String key, Object... arguments) {
            return new Invalid(messages.get(key, arguments));
        }

        Object clean(FormField field, Object value) {
            if (value == null) {
                return null;
            }
            if (field.type() == FieldType.LIST || field.type() == FieldType.CHOICE && field.multiple()) {
                return many(field, value);
            }
            if (value instanceof Collection<?> collection && collection.size() == 1) {
                value = collection.iterator().next(); // a single-valued HTML parameter
            }
            return one(field, value);
        }

        private Object many(FormField field, Object value) {
            List<?> elements;
            if (value instanceof Collection<?> collection) {
                elements = new ArrayList<>(collection);
            } else if (value instanceof Object[] array) {
                elements = Arrays.asList(array);
            } else if (value instanceof String) {
                elements = List.of(value);
            } else {
                throw invalid("not.list");
            }
            FormField spec = field.type() == FieldType.LIST ? field.item() : field;
            Collection<Object> out = field.type() == FieldType.CHOICE ? new LinkedHashSet<>() : new ArrayList<>();
            for (int i = 0; i < elements.size(); i++) {
                try {
                    Object element = one(spec, elements.get(i));
                    if (element != null) {
                        out.add(element);
                    }
                } catch (Invalid e) {
                    throw invalid("item", String.valueOf(i + 1), e.getMessage());
                }
            }
            if (out.isEmpty()) {
                return null;
            }
            if (field.minItems() != null && out.size() < field.minItems()) {
                throw invalid("too.few", String.valueOf(field.minItems()));
            }
            if (field.maxItems() != null && out.size() > field.maxItems()) {
                throw invalid("too.many", String.valueOf(field.maxItems()));
            }
            return List.copyOf(out);
        }

        private Object one(FormField field, Object value) {
            if (value instanceof String text) {
                value = text(text);
                if (((String) value).isEmpty()) {
                    return null;
                }
            }
            if (value == null) {
                return null;
            }
            if (value instanceof Collection<?> || value instanceof Map<?, ?> || value.getClass().isArray()) {
                throw invalid("invalid");
            }
            return switch (field.type()) {
                case TEXT, TEXTAREA -> text(field, value);
                case NUMBER -> number(field, value);
                case DATE -> date(field, value);
                case MONTH -> month(value);
                case DATETIME -> dateTime(value);
                case ORG -> org(field, value);
                case CHOICE -> choice(field, value);
                case BOOLEAN -> bool(value);
                case PERSON -> reference(field, value, "no.person");
                case ATTACHMENT -> reference(field, value, "no.attachment");
                case LIST, GROUP -> throw invalid("invalid");
            };
        }

        /** Line ends normalized, control characters other than \n and \t refused, then stripped. */
        private String text(String text) {
            String normalized = text.replace("\r\n", "\n");
            for (int i = 0; i < normalized.length(); i++) {
                char c = normalized.charAt(i);
                if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                    throw invalid("control");
                }
            }
            return normalized.strip();
        }

        private String text(FormField field, Object value) {
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
            if (field.pattern() != null && !Pattern.compile(field.pattern()).matcher(text).matches()) {
                throw field.patternMessage() != null
                        ? new Invalid(field.patternMessage().in(messages.locale()))
                        : invalid("pattern");
            }
            return text;
        }

        private Object number(FormField field, Object value) {
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

        private LocalDate date(FormField field, Object value) {
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

        private YearMonth month(Object value) {
            try {
                return value instanceof YearMonth m ? m : cn.xianfeng.common.IsoDates.month(string(value, "not.month"));
            } catch (DateTimeParseException e) {
                throw invalid("not.month");
            }
        }

        /** ISO-8601 with offset (the API), or a local date and time in the application's zone (a page, a person). */
        private OffsetDateTime dateTime(Object value) {
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

        private String org(FormField field, Object value) {
            String code = string(value, "invalid");
            if (code.length() > field.effectiveMaxLength()) {
                throw invalid("too.long", String.valueOf(field.effectiveMaxLength()));
            }
            FormReferenceChecker references = checker.get();
            if (references == null) {
                throw invalid("unchecked");
            }
            String type = references.orgType(code).orElseThrow(() -> invalid("no.org", code));
            if (actor != null && !FormField.SCOPE_ALL.equals(field.scope()) && !references.orgVisible(actor, code)) {
                throw invalid("org.out.of.scope", code);
            }
            if (!field.orgTypes().isEmpty() && !field.orgTypes().contains(type)) {
                throw invalid("org.type", String.join(messages.get("or"),
                        field.orgTypes().stream().map(t -> messages.get("org." + t)).toList()));
            }
            return code;
        }

        private String choice(FormField field, Object value) {
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw invalid("invalid");
            }
            String text = String.valueOf(value);
            if (field.options().stream().noneMatch(o -> o.value().equals(text))) {
                throw invalid("not.option", text);
            }
            return text;
        }

        private Boolean bool(Object value) {
            if (value instanceof Boolean b) {
                return b;
            }
            if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                return Boolean.valueOf(s.toLowerCase(Locale.ROOT));
            }
            throw invalid("not.boolean");
        }

        private String reference(FormField field, Object value, String missingKey) {
            String id = string(value, "invalid");
            if (id.length() > field.effectiveMaxLength()) {
                throw invalid("too.long", String.valueOf(field.effectiveMaxLength()));
            }
            FormReferenceChecker references = checker.get();
            if (references == null) {
                throw invalid("unchecked");
            }
            if (field.type() != FieldType.PERSON) {
                if (!references.attachmentExists(id)) {
                    throw invalid(missingKey, id);
                }
                return id;
            }
            switch (references.person(actor, id)) {
                case UNKNOWN -> throw invalid(missingKey, id);
                case OUT_OF_SCOPE -> throw invalid("person.out.of.scope", id);
                case ALLOWED -> {
                }
            }
            return id;
        }

        private String string(Object value, String key) {
            if (value instanceof String s) {
                return s;
            }
            throw invalid(key);
        }
    }
}
