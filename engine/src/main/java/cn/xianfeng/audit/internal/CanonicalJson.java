package cn.xianfeng.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical JSON: no whitespace, object keys sorted (Java string order), numbers as plain decimals without
 * trailing zeros ({@code 1.50} and {@code 1.5e0} both become {@code 1.5}, {@code 1.0} becomes {@code 1}).
 * Survives a round trip through PostgreSQL {@code jsonb}, which reorders keys and normalizes numbers and escapes.
 * Thread-safe.
 */
final class CanonicalJson {

    private final ObjectMapper reader = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** The canonical form of a JSON text; null for null. */
    String canonical(String json) {
        if (json == null) {
            return null;
        }
        try {
            StringBuilder out = new StringBuilder(json.length());
            write(reader.readTree(json), out);
            return out.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(names.get(i), out);
                out.append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            Iterator<JsonNode> items = node.elements();
            for (int i = 0; items.hasNext(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(items.next(), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            out.append(node.decimalValue().stripTrailingZeros().toPlainString());
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else {
            string(node.asText(), out);
        }
    }

    private static void string(String value, StringBuilder out) {
        out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(value)).append('"');
    }
}
