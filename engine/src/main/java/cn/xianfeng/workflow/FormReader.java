package cn.xianfeng.workflow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads a form definition's JSON into records, collecting every structural problem instead of stopping. */
final class FormReader {
    final List<String> problems = new ArrayList<>();
    private final FormJson json = new FormJson(problems);
    private final FormConditions conditions = new FormConditions(json, problems);

    FormDefinition form(JsonNode root, String expectedKey) {
        if (root == null || !root.isObject()) {
            problems.add("the file must hold a JSON object");
            return null;
        }
        json.unknownAttributes(root, FormDefinitions.ROOT_ATTRIBUTES, "form");
        String key = json.text(root, "key", "form", true);
        if (expectedKey == null) {
            problems.add("the file name must end with " + FormDefinitions.SUFFIX);
        } else if (key != null && !key.equals(expectedKey)) {
            problems.add("key '" + key + "' must equal the file name '" + expectedKey + "'");
        }
        LocalizedText title = json.localized(root, "title", "form", true);
        JsonNode fieldsNode = root.get("fields");
        List<FormField> fields = new ArrayList<>();
        if (fieldsNode == null || !fieldsNode.isArray() || fieldsNode.isEmpty()) {
            problems.add("'fields' must be a non-empty array");
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < fieldsNode.size(); i++) {
                FormField field = field(fieldsNode.get(i), "fields[" + i + "]", Place.FIELD);
                if (field != null && field.id() != null && !ids.add(field.id())) {
                    problems.add("field id '" + field.id() + "' is used more than once");
                }
                if (field != null) {
                    fields.add(field);
                }
            }
            conditions.check(fields);
        }
        return problems.isEmpty() ? new FormDefinition(key, title, fields) : null;
    }

    /** Where a field spec stands: a form's field, a list's item (no id), or a column of a group's rows. */
    enum Place { FIELD, ITEM, COLUMN }

    FormField field(JsonNode node, String where, Place place) {
        if (node == null || !node.isObject()) {
            problems.add(where + " must be an object");
            return null;
        }
        boolean isItem = place == Place.ITEM;
        String id = isItem ? null : json.text(node, "id", where, true);
        if (id != null) {
            if (!FormDefinitions.ID.matcher(id).matches()) {
                problems.add(where + ": id '" + id + "' must be letters, digits and _ not starting with a digit");
            }
            where = "field '" + id + "'";
        }
        json.unknownAttributes(node, FormDefinitions.FIELD_ATTRIBUTES, where);
        if (isItem) {
            for (String forbidden : FormDefinitions.ITEM_FORBIDDEN) {
                if (node.has(forbidden)) {
                    problems.add(where + ": a list item must not have '" + forbidden + "'");
                }
            }
        }
        if (place == Place.COLUMN) {
            for (String forbidden : FormDefinitions.COLUMN_FORBIDDEN) {
                if (node.has(forbidden)) {
                    problems.add(where + ": a group's column must not have '" + forbidden + "'");
                }
            }
        }
        String typeName = json.text(node, "type", where, true);
        FieldType type = null;
        if (typeName != null) {
            type = FieldType.fromJson(typeName).orElse(null);
            if (type == null) {
                problems.add(where + ": unknown type '" + typeName + "'");
            }
        }
        LocalizedText label = json.localized(node, "label", where, !isItem);
        LocalizedText help = json.localized(node, "help", where, false);
        LocalizedText placeholder = json.localized(node, "placeholder", where, false);
        boolean required = json.bool(node, "required", where);
        boolean readOnly = json.bool(node, "readOnly", where);
        boolean integer = json.bool(node, "integer", where);
        boolean multiple = json.bool(node, "multiple", where);
        boolean prefill = json.bool(node, "prefill", where);
        Condition requiredWhen = conditions.read(node, "requiredWhen", where);
        Condition visibleWhen = conditions.read(node, "visibleWhen", where);
        Integer minLength = json.count(node, "minLength", where);
        Integer maxLength = json.count(node, "maxLength", where);
        Integer minItems = json.count(node, "minItems", where);
        Integer maxItems = json.count(node, "maxItems", where);
        String pattern = json.text(node, "pattern", where, false);
        LocalizedText patternMessage = json.localized(node, "patternMessage", where, false);
        String min = bound(node, "min", type, where);
        String max = bound(node, "max", type, where);
        List<FormOption> options = options(node, where);
        FormField item = null;
        if (node.has("item")) {
            item = field(node.get("item"), where + " item", Place.ITEM);
            if (item != null && (item.type() == FieldType.LIST || item.type() == FieldType.GROUP)) {
                problems.add(where + ": a list item must not be a " + item.type().json());
            }
        }
        List<FormField> columns = columns(node, where);
        List<String> orgTypes = orgTypes(node, where);
        String scope = json.text(node, "scope", where, false);
        if (scope != null && !FormDefinitions.SCOPES.contains(scope)) {
            problems.add(where + ": scope must be one of " + new java.util.TreeSet<>(FormDefinitions.SCOPES));
        }

        json.ordered(minLength, maxLength, "minLength", "maxLength", where);
        json.ordered(minItems, maxItems, "minItems", "maxItems", where);
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                problems.add(where + ": pattern does not compile: " + e.getDescription());
            }
        }
        if (patternMessage != null && pattern == null) {
            problems.add(where + ": patternMessage without pattern");
        }
        if (type != null) {
            typeRules(node, type, where, multiple, options, item, min, max);
        }
        return new FormField(id, type, label, help, placeholder, required, requiredWhen, visibleWhen, readOnly,
                minLength, maxLength, pattern, patternMessage, min, max, integer, options, multiple, item,
                minItems, maxItems, columns, orgTypes, scope, prefill);
    }

    /** A group's columns: plain fields with unique ids. */
    private List<FormField> columns(JsonNode node, String where) {
        JsonNode array = node.get("fields");
        List<FormField> columns = new ArrayList<>();
        if (array == null) {
            return columns;
        }
        if (!array.isArray() || array.isEmpty()) {
            problems.add(where + ": 'fields' must be a non-empty array");
            return columns;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            FormField column = field(array.get(i), where + " fields[" + i + "]", Place.COLUMN);
            if (column == null) {
                continue;
            }
            if (column.id() != null && !ids.add(column.id())) {
                problems.add(where + ": column id '" + column.id() + "' is used more than once");
            }
            if (column.type() == FieldType.LIST || column.type() == FieldType.GROUP
                    || column.type() == FieldType.ATTACHMENT || column.type() == FieldType.CHOICE && column.multiple()) {
                problems.add(where + ": column '" + column.id() + "' must hold one plain value, not a "
                        + column.type().json() + (column.multiple() ? " (multiple)" : ""));
            }
            columns.add(column);
        }
        return columns;
    }

    private List<String> orgTypes(JsonNode node, String where) {
        JsonNode array = node.get("orgTypes");
        List<String> types = new ArrayList<>();
        if (array == null) {
            return types;
        }
        if (!array.isArray() || array.isEmpty()) {
            problems.add(where + ": 'orgTypes' must be a non-empty array");
            return types;
        }
        for (JsonNode element : array) {
            if (!element.isTextual() || !FormDefinitions.ORG_TYPES.contains(element.asText())) {
                problems.add(where + ": orgTypes may hold only " + new java.util.TreeSet<>(FormDefinitions.ORG_TYPES));
            } else {
                types.add(element.asText());
            }
        }
        return types;
    }

    private void typeRules(JsonNode node, FieldType type, String where, boolean multiple,
                           List<FormOption> options, FormField item, String min, String max) {
        boolean textual = type == FieldType.TEXT || type == FieldType.TEXTAREA;
        notFor(node, !textual, where, type, "minLength", "pattern", "patternMessage");
        if (!textual && !type.isReference() && type != FieldType.ATTACHMENT) {
            notFor(node, true, where, type, "maxLength");
        }
        notFor(node, type != FieldType.ORG, where, type, "orgTypes", "scope");
        notFor(node, type != FieldType.GROUP, where, type, "fields");
        if (type == FieldType.GROUP && !node.has("fields")) {
            problems.add(where + ": a group needs 'fields' (its columns)");
        }
        if (type == FieldType.GROUP && node.has("maxItems") && node.get("maxItems").asInt() > FormField.GROUP_MAX_ROWS) {
            problems.add(where + ": a group has at most " + FormField.GROUP_MAX_ROWS + " rows");
        }
        notFor(node, type != FieldType.NUMBER, where, type, "integer");
        notFor(node, type != FieldType.NUMBER && type != FieldType.DATE, where, type, "min", "max");
        notFor(node, type != FieldType.CHOICE, where, type, "options", "multiple");
        notFor(node, type != FieldType.LIST, where, type, "item");
        notFor(node, type != FieldType.LIST && type != FieldType.GROUP && !(type == FieldType.CHOICE && multiple),
                where, type, "minItems", "maxItems");
        if (type == FieldType.CHOICE && options.isEmpty() && !node.has("options")) {
            problems.add(where + ": a choice needs 'options'");
        }
        if (type == FieldType.LIST && item == null && !node.has("item")) {
            problems.add(where + ": a list needs 'item'");
        }
        if (min != null && max != null) {
            if (type == FieldType.NUMBER && new BigDecimal(min).compareTo(new BigDecimal(max)) > 0) {
                problems.add(where + ": min " + min + " is greater than max " + max);
            }
            if (type == FieldType.DATE && !FormDefinitions.TODAY.equals(min) && !FormDefinitions.TODAY.equals(max)
                    && LocalDate.parse(min).isAfter(LocalDate.parse(max))) {
                problems.add(where + ": min " + min + " is after max " + max);
            }
        }
    }

    private void notFor(JsonNode node, boolean forbidden, String where, FieldType type, String... attributes) {
        if (!forbidden) {
            return;
        }
        for (String attribute : attributes) {
            if (node.has(attribute)) {
                problems.add(where + ": '" + attribute + "' does not apply to type " + type.json());
            }
        }
    }

    /** min/max as text: a number for number fields, a date or "today" for date fields; null if absent or bad. */
    private String bound(JsonNode node, String name, FieldType type, String where) {
        JsonNode value = node.get(name);
        if (value == null || type == null) {
            return null;
        }
        if (type == FieldType.NUMBER) {
            try {
                if (value.isNumber() || value.isTextual()) {
                    return new BigDecimal(value.asText().trim()).toPlainString();
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add(where + ": '" + name + "' must be a number");
        } else if (type == FieldType.DATE) {
            String text = value.isTextual() ? value.asText() : "";
            if (FormDefinitions.TODAY.equals(text)) {
                return text;
            }
            try {
                return LocalDate.parse(text).toString();
            } catch (DateTimeParseException e) {
                problems.add(where + ": '" + name + "' must be a date yyyy-MM-dd or \"today\"");
            }
        }
        return null;
    }

    private List<FormOption> options(JsonNode node, String where) {
        JsonNode array = node.get("options");
        List<FormOption> options = new ArrayList<>();
        if (array == null) {
            return options;
        }
        if (!array.isArray() || array.isEmpty()) {
            problems.add(where + ": 'options' must be a non-empty array");
            return options;
        }
        Set<String> values = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode option = array.get(i);
            String at = where + " options[" + i + "]";
            if (!option.isObject()) {
                problems.add(at + " must be an object");
                continue;
            }
            json.unknownAttributes(option, Set.of("value", "label"), at);
            String value = json.text(option, "value", at, true);
            if (value != null && !values.add(value)) {
                problems.add(where + ": option value '" + value + "' is used more than once");
            }
            options.add(new FormOption(value, json.localized(option, "label", at, true)));
        }
        return options;
    }

}
