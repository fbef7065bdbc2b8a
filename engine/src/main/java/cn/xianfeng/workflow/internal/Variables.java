package cn.xianfeng.workflow.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns validated form values into what Flowable stores and what the audit trail records as JSON. */
public final class Variables {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Variables() {
    }

    /** Flowable keeps LocalDate natively; months become text, lists become JSON so gateways can still read them. */
    public static Map<String, Object> forEngine(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, engineValue(v)));
        return out;
    }

    /** Plain JSON values: dates as ISO text, numbers as numbers. */
    public static Map<String, Object> forJson(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, jsonValue(v)));
        return out;
    }

    private static Object engineValue(Object v) {
        if (v instanceof YearMonth || v instanceof BigDecimal) {
            return v instanceof BigDecimal d ? d.doubleValue() : v.toString();
        }
        if (v instanceof OffsetDateTime t) {
            return java.util.Date.from(t.toInstant());
        }
        if (v instanceof Collection<?> || v instanceof Map<?, ?>) {
            return JSON.valueToTree(jsonValue(v));
        }
        return v;
    }

    static Object jsonValue(Object v) {
        if (v instanceof LocalDate || v instanceof YearMonth || v instanceof TemporalAccessor) {
            return v.toString();
        }
        if (v instanceof java.util.Date d) {
            return d.toInstant().toString();
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(Variables::jsonValue).toList();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), jsonValue(x)));
            return out;
        }
        if (v instanceof com.fasterxml.jackson.databind.JsonNode node) {
            return JSON.convertValue(node, Object.class);
        }
        return v;
    }

    public static List<Object> listOf(Object v) {
        return v instanceof Collection<?> c ? List.copyOf(c) : List.of(v);
    }
}
