package cn.xianfeng.workflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns submitted values into typed values (null means "no value"): a group's rows cell by cell, lists, and the
 * values that name something — an org, a person, an attachment — checked against what exists and what the actor's
 * pickers offer them. Single values are parsed by {@link FormScalars}.
 */
final class FormValues {

    final FormMessages messages;
    private final FormScalars scalars;
    private final Supplier<FormReferenceChecker> checker;
    private final String actor;

    FormValues(FormScalars scalars, Supplier<FormReferenceChecker> checker, String actor) {
        this.scalars = scalars;
        this.messages = scalars.messages;
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
                } catch (FormInvalid e) {
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
            throw scalars.invalid("not.list");
        }
        FormField spec = field.type() == FieldType.LIST ? field.item() : field;
        Collection<Object> out = field.type() == FieldType.CHOICE ? new LinkedHashSet<>() : new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            try {
                Object element = one(spec, elements.get(i));
                if (element != null) {
                    out.add(element);
                }
            } catch (FormInvalid e) {
                throw scalars.invalid("item", String.valueOf(i + 1), e.getMessage());
            }
        }
        if (out.isEmpty()) {
            return null;
        }
        if (field.minItems() != null && out.size() < field.minItems()) {
            throw scalars.invalid("too.few", String.valueOf(field.minItems()));
        }
        if (field.maxItems() != null && out.size() > field.maxItems()) {
            throw scalars.invalid("too.many", String.valueOf(field.maxItems()));
        }
        return List.copyOf(out);
    }

    private Object one(FormField field, Object value) {
        if (value instanceof String text) {
            value = scalars.text(text);
            if (((String) value).isEmpty()) {
                return null;
            }
        }
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?> || value.getClass().isArray()) {
            throw scalars.invalid("invalid");
        }
        return switch (field.type()) {
            case TEXT, TEXTAREA -> scalars.text(field, value);
            case NUMBER -> scalars.number(field, value);
            case DATE -> scalars.date(field, value);
            case MONTH -> scalars.month(value);
            case DATETIME -> scalars.dateTime(value);
            case ORG -> org(field, value);
            case CHOICE -> scalars.choice(field, value);
            case BOOLEAN -> scalars.bool(value);
            case PERSON -> reference(field, value, "no.person");
            case ATTACHMENT -> reference(field, value, "no.attachment");
            case LIST, GROUP -> throw scalars.invalid("invalid");
        };
    }

    /** The text that names an org, a person or an attachment, within the field's length. */
    private String name(FormField field, Object value) {
        String name = scalars.string(value, "invalid");
        if (name.length() > field.effectiveMaxLength()) {
            throw scalars.invalid("too.long", String.valueOf(field.effectiveMaxLength()));
        }
        return name;
    }

    /** What names are checked against; without it (no Spring) every named value is refused. */
    private FormReferenceChecker references() {
        FormReferenceChecker references = checker.get();
        if (references == null) {
            throw scalars.invalid("unchecked");
        }
        return references;
    }

    private String org(FormField field, Object value) {
        String code = name(field, value);
        FormReferenceChecker references = references();
        String type = references.orgType(code).orElseThrow(() -> scalars.invalid("no.org", code));
        if (actor != null && !FormField.SCOPE_ALL.equals(field.scope()) && !references.orgVisible(actor, code)) {
            throw scalars.invalid("org.out.of.scope", code);
        }
        if (!field.orgTypes().isEmpty() && !field.orgTypes().contains(type)) {
            throw scalars.invalid("org.type", String.join(messages.get("or"),
                    field.orgTypes().stream().map(t -> messages.get("org." + t)).toList()));
        }
        return code;
    }

    private String reference(FormField field, Object value, String missingKey) {
        String id = name(field, value);
        FormReferenceChecker references = references();
        if (field.type() != FieldType.PERSON) {
            if (!references.attachmentExists(id)) {
                throw scalars.invalid(missingKey, id);
            }
            return id;
        }
        switch (references.person(actor, id)) {
            case UNKNOWN -> throw scalars.invalid(missingKey, id);
            case OUT_OF_SCOPE -> throw scalars.invalid("person.out.of.scope", id);
            case ALLOWED -> {
            }
        }
        return id;
    }
}
