package cn.xianfeng.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A form's requiredWhen/visibleWhen conditions: read from the JSON, then checked against the form's fields. */
final class FormConditions {

    private final FormJson json;
    private final List<String> problems;

    FormConditions(FormJson json, List<String> problems) {
        this.json = json;
        this.problems = problems;
    }

    /** The condition in attribute {@code name} of {@code node}, or null if absent or bad. */
    Condition read(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value == null) {
            return null;
        }
        String at = where + " " + name;
        if (!value.isObject()) {
            problems.add(at + " must be an object {field, equals} or {field, in}");
            return null;
        }
        json.unknownAttributes(value, Set.of("field", "equals", "in"), at);
        String field = json.text(value, "field", at, true);
        JsonNode equals = value.get("equals");
        JsonNode in = value.get("in");
        if ((equals == null) == (in == null)) {
            problems.add(at + " needs exactly one of 'equals' and 'in'");
            return null;
        }
        if (equals != null) {
            if (!equals.isValueNode() || equals.isNull()) {
                problems.add(at + ": 'equals' must be a string, number or boolean");
                return null;
            }
            return new Condition(field, equals.asText(), null);
        }
        if (!in.isArray() || in.isEmpty()) {
            problems.add(at + ": 'in' must be a non-empty array");
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : in) {
            if (!element.isValueNode() || element.isNull()) {
                problems.add(at + ": 'in' must hold strings, numbers or booleans");
                return null;
            }
            values.add(element.asText());
        }
        return new Condition(field, null, values);
    }

    /** Conditions refer to other existing fields, name existing options, and visibility has no cycle. */
    void check(List<FormField> fields) {
        Map<String, FormField> byId = new HashMap<>();
        fields.stream().filter(f -> f.id() != null).forEach(f -> byId.putIfAbsent(f.id(), f));
        for (FormField field : fields) {
            check(field, field.requiredWhen(), "requiredWhen", byId);
            check(field, field.visibleWhen(), "visibleWhen", byId);
        }
        for (FormField field : fields) {
            Set<String> seen = new HashSet<>();
            FormField current = field;
            while (current != null && current.visibleWhen() != null && current.visibleWhen().field() != null) {
                if (!seen.add(current.id())) {
                    problems.add("field '" + field.id() + "': visibleWhen conditions form a cycle");
                    break;
                }
                current = byId.get(current.visibleWhen().field());
            }
        }
    }

    private void check(FormField field, Condition condition, String name, Map<String, FormField> byId) {
        if (condition == null || condition.field() == null) {
            return;
        }
        String where = "field '" + field.id() + "' " + name;
        FormField target = byId.get(condition.field());
        if (target == null) {
            problems.add(where + " refers to unknown field '" + condition.field() + "'");
        } else if (target == field) {
            problems.add(where + " refers to the field itself");
        } else if (target.type() == FieldType.GROUP) {
            problems.add(where + " must not depend on the group '" + target.id() + "'");
        } else if (target.type() == FieldType.CHOICE) {
            List<String> wanted = condition.equals() != null ? List.of(condition.equals()) : condition.in();
            for (String value : wanted) {
                if (target.options().stream().noneMatch(o -> value.equals(o.value()))) {
                    problems.add(where + ": '" + value + "' is not an option of '" + target.id() + "'");
                }
            }
        }
    }
}
