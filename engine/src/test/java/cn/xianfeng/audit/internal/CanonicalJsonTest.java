package cn.xianfeng.audit.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The canonical form is part of every stored hash: the streaming writer must give, for any input, exactly what the
 * tree-based writer it replaced gave (kept here as the reference), or recorded events would stop verifying.
 */
class CanonicalJsonTest {

    private final CanonicalJson canonical = new CanonicalJson();

    @Test
    void knownForms() {
        assertThat(canonical.canonical("{\"b\": 1.50, \"a\": [1.0, 1e2, -0, \"x\"], \"é\": {\"z\": null, \"y\": true}}"))
                .isEqualTo("{\"a\":[1,100,0,\"x\"],\"b\":1.5,\"é\":{\"y\":true,\"z\":null}}");
        assertThat(canonical.canonical("{\"k\": 1, \"k\": 2}")).isEqualTo("{\"k\":2}");
        assertThat(canonical.canonical("{\"t\": \"tab\\there \\u0001 \\\"q\\\" \\\\ 中文 \\u00e9\"}"))
                .isEqualTo("{\"t\":\"tab\\there \\u0001 \\\"q\\\" \\\\ 中文 é\"}");
        assertThat(canonical.canonical((String) null)).isNull();
        assertThatThrownBy(() -> canonical.canonical("{\"a\": ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> canonical.canonical("{\"a\" 1}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameAsTheTreeWriterOnRandomDocuments() {
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            String json = randomValue(random, 0, true);
            String expected = Reference.canonical(json);
            assertThat(canonical.canonical(json)).as(json).isEqualTo(expected);
            assertThat(canonical.canonical(json.getBytes(StandardCharsets.UTF_8))).as(json).isEqualTo(expected);
        }
    }

    private static String randomValue(Random r, int depth, boolean object) {
        int kind = object ? 0 : r.nextInt(depth > 3 ? 6 : 8);
        switch (kind) {
            case 0 -> {
                StringBuilder s = new StringBuilder("{");
                int n = r.nextInt(6);
                for (int i = 0; i < n; i++) {
                    s.append(i > 0 ? (r.nextBoolean() ? ", " : ",") : "").append(randomString(r)).append(r.nextBoolean() ? ": " : ":")
                            .append(randomValue(r, depth + 1, false));
                }
                return s.append('}').toString();
            }
            case 1 -> {
                StringBuilder s = new StringBuilder("[");
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    s.append(i > 0 ? ", " : "").append(randomValue(r, depth + 1, false));
                }
                return s.append(']').toString();
            }
            case 2 -> {
                return randomString(r);
            }
            case 3 -> {
                return List.of("0", "-0", "7", "-12", "9223372036854775807", "-9223372036854775808",
                        "123456789012345678901234567890", "2147483648").get(r.nextInt(8));
            }
            case 4 -> {
                return List.of("1.0", "1.50", "-0.0", "0.000", "1e2", "1.5E-3", "2.5e+10", "123456789.123456789000",
                        "1e-400", "-3.14").get(r.nextInt(10));
            }
            case 5 -> {
                return List.of("true", "false", "null").get(r.nextInt(3));
            }
            default -> {
                return randomString(r);
            }
        }
    }

    private static String randomString(Random r) {
        String[] parts = {"a", "b", "ab", "B", "中", "文字", "é", "\\n", "\\t", "\\u0001", "\\u001f", "\\\"", "\\\\",
                "\\/", "\\u00e9", "\\u4e2d", "\\ud83d\\ude00", "😀", " ", "key", "Z", "_", "\\b", "\\f", "\\r", "\u007f"};
        StringBuilder s = new StringBuilder("\"");
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            s.append(parts[r.nextInt(parts.length)]);
        }
        return s.append('"').toString();
    }

    /** The tree-based writer as it was before verification read the data as bytes. */
    static final class Reference {

        private static final ObjectMapper READER = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

        static String canonical(String json) {
            try {
                StringBuilder out = new StringBuilder();
                write(READER.readTree(json), out);
                return out.toString();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }

        private static void write(JsonNode node, StringBuilder out) {
            if (node.isObject()) {
                List<String> names = new ArrayList<>();
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
            out.append('"').append(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(value))
                    .append('"');
        }
    }
}
