package cn.xianfeng.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** The typed attributes of a form definition's JSON, each problem added to the reader's list instead of thrown. */
final class FormJson {

    private final List<String> problems;

    FormJson(List<String> problems) {
        this.problems = problems;
    }

    void ordered(Integer min, Integer max, String minName, String maxName, String where) {
        if (min != null && max != null && min > max) {
            problems.add(where + ": " + minName + " " + min + " is greater than " + maxName + " " + max);
        }
    }

    void unknownAttributes(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(where + ": unknown attribute '" + name + "'");
            }
        }
    }

    String text(JsonNode node, String name, String where, boolean required) {
        JsonNode value = node.get(name);
        if (value == null) {
            if (required) {
                problems.add(where + ": '" + name + "' is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(where + ": '" + name + "' must be a non-empty string");
            return null;
        }
        return value.asText();
    }

    LocalizedText localized(JsonNode node, String name, String where, boolean required) {
        JsonNode value = node.get(name);
        if (value == null) {
            if (required) {
                problems.add(where + ": '" + name + "' is required (zh-CN and en)");
            }
            return null;
        }
        if (!value.isObject()) {
            problems.add(where + ": '" + name + "' must be an object {\"zh-CN\": …, \"en\": …}");
            return null;
        }
        unknownAttributes(value, Set.of("zh-CN", "en"), where + " " + name);
        String zh = text(value, "zh-CN", where + " " + name, true);
        String en = text(value, "en", where + " " + name, true);
        return new LocalizedText(zh, en);
    }

    boolean bool(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value != null && !value.isBoolean()) {
            problems.add(where + ": '" + name + "' must be true or false");
        }
        return value != null && value.asBoolean();
    }

    Integer count(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            problems.add(where + ": '" + name + "' must be a whole number ≥ 0");
            return null;
        }
        return value.asInt();
    }
}
