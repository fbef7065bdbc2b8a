package cn.xianfeng.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@code {field, equals}} or {@code {field, in:[…]}}: holds when the other field's value (compared as trimmed
 * text, so {@code "true"} equals {@code true}) equals the value or is one of the values. For a multiple choice
 * or a list, it holds when any element matches. An absent value never matches.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(String field, String equals, List<String> in) {

    public Condition {
        in = in == null ? null : List.copyOf(in);
    }

    public boolean holds(Map<String, Object> values) {
        Object value = values == null ? null : values.get(field);
        if (value instanceof Collection<?> many) {
            return many.stream().anyMatch(this::matches);
        }
        return matches(value);
    }

    private boolean matches(Object value) {
        if (value == null) {
            return false;
        }
        String text = String.valueOf(value).trim();
        return equals != null ? equals.equals(text) : in != null && in.contains(text);
    }
}
