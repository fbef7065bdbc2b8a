package cn.xianfeng.audit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical JSON: no whitespace, object keys sorted (Java string order), numbers as plain decimals without
 * trailing zeros ({@code 1.50} and {@code 1.5e0} both become {@code 1.5}, {@code 1.0} becomes {@code 1}).
 * Survives a round trip through PostgreSQL {@code jsonb}, which reorders keys and normalizes numbers and escapes.
 * Written from the parser's tokens, without building a tree (verification canonicalizes every event's data); a
 * key given twice keeps its last value, as a tree would. Thread-safe.
 */
final class CanonicalJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    /** The canonical form of a JSON text; null for null. */
    String canonical(String json) {
        if (json == null) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            return canonical(p, json.length());
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /** The canonical form of a JSON text given as UTF-8 bytes (a column read without decoding); null for null. */
    String canonical(byte[] utf8) {
        if (utf8 == null) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(utf8)) {
            return canonical(p, utf8.length);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static String canonical(JsonParser p, int size) throws IOException {
        JsonToken first = p.nextToken();
        StringBuilder out = new StringBuilder(size);
        if (first == null) {
            return out.append("null").toString();
        }
        value(p, first, out);
        return out.toString();
    }

    /** Writes the value starting at {@code token}, leaving the parser on its last token. */
    private static void value(JsonParser p, JsonToken token, StringBuilder out) throws IOException {
        if (token == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
        }
        switch (token) {
            case START_OBJECT -> object(p, out);
            case START_ARRAY -> {
                out.append('[');
                boolean first = true;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    value(p, t, out);
                }
                out.append(']');
            }
            case VALUE_STRING -> string(p.getText(), out);
            case VALUE_NUMBER_INT -> out.append(switch (p.getNumberType()) {
                case INT, LONG -> Long.toString(p.getLongValue());
                default -> p.getBigIntegerValue().toString();
            });
            case VALUE_NUMBER_FLOAT -> out.append(p.getDecimalValue().stripTrailingZeros().toPlainString());
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + token);
        }
    }

    private static void object(JsonParser p, StringBuilder out) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_OBJECT) {
            out.append("{}");
            return;
        }
        // members in key order; most objects are small, and a TreeMap sorts by String.compareTo as the tree did
        Map<String, String> members = new TreeMap<>();
        for (; t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.FIELD_NAME) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + t);
            }
            String name = p.currentName();
            StringBuilder member = new StringBuilder();
            value(p, p.nextToken(), member);
            members.put(name, member.toString());
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> m : members.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(m.getKey(), out);
            out.append(':').append(m.getValue());
        }
        out.append('}');
    }

    private static void string(String value, StringBuilder out) {
        out.append('"');
        ENCODER.quoteAsString(value, out);
        out.append('"');
    }
}
