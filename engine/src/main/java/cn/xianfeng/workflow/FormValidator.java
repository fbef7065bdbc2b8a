package cn.xianfeng.workflow;

import org.springframework.beans.factory.ObjectProvider;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Server-side validation of submitted form data against a {@link FormDefinition}. Trusts nothing from the
 * client: unknown fields are refused, read-only and hidden fields are dropped, every value is parsed into its
 * Java type. Either every bad field is reported, or the cleaned values are returned.
 */
public class FormValidator {

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
        FormValues values = new FormValues(new FormScalars(FormMessages.of(locale), LocalDate.now(now), now.getZone()),
                checker, actor);

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
            } catch (FormInvalid e) {
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

}
