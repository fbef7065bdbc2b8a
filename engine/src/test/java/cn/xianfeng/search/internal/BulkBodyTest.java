package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.Kind;
import cn.xianfeng.search.SearchTypes.SearchDocument;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bulk body: one action line and one source line per document, fields without a value left out. */
class BulkBodyTest {

    @Test
    void writesAnActionAndASourceLinePerDocumentWithoutEmptyFields() throws Exception {
        Instant at = Instant.parse("2026-03-01T02:00:00.123456Z");
        SearchDocument task = new SearchDocument("task-1", Kind.TASK, "c1", "report", "报告", "K", "/K/", null, null,
                "step01", at, null, "支部审核", "OPEN", List.of("REVIEWER@K", "sec1"), Instant.parse("+12026-01-01T00:00:00Z"),
                null, 7);
        SearchDocument event = new SearchDocument("audit-2", "c1", "report", "报告", "K", "/K/", "sec1", "COMMENTED",
                null, at, "意见 \"引号\"\n换行");
        String[] lines = new String(BulkBody.of(List.of(task, event)), StandardCharsets.UTF_8).split("\n", -1);
        assertThat(lines).hasSize(5);
        assertThat(lines[4]).isEmpty();
        ObjectMapper json = new ObjectMapper();
        JsonNode action = json.readTree(lines[0]).path("index");
        assertThat(action.path("_id").asText()).isEqualTo("task-1");
        assertThat(action.path("version").asLong()).isEqualTo(7);
        assertThat(action.path("version_type").asText()).isEqualTo("external_gte");
        JsonNode source = json.readTree(lines[1]);
        assertThat(source.path("at").asText()).isEqualTo("2026-03-01T02:00:00.123456Z");
        assertThat(source.path("due").asText()).isEqualTo("+12026-01-01T00:00:00Z");
        assertThat(source.has("actor")).isFalse();
        assertThat(source.has("ended")).isFalse();
        assertThat(source.path("candidates")).hasSize(2);
        assertThat(json.readTree(lines[3]).path("text").asText()).isEqualTo("意见 \"引号\"\n换行");
        assertThat(json.readTree(lines[3]).path("kind").asText()).isEqualTo("AUDIT");
    }

    @Test
    void writesInstantsExactlyAsInstantToStringDoes() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        List<Instant> instants = new java.util.ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2024-02-29T23:59:59Z"),
                Instant.parse("2000-03-01T00:00:00.100Z"), Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.000001Z"),
                Instant.parse("1900-02-28T12:00:00.000000100Z")));
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        char[] out = new char[30];
        for (Instant t : instants) {
            assertThat(new String(out, 0, BulkBody.iso(t, out))).as(t.toString()).isEqualTo(t.toString());
        }
        assertThat(BulkBody.iso(Instant.parse("+12026-01-01T00:00:00Z"), out)).as("left to Instant.toString").isZero();
        assertThat(BulkBody.iso(Instant.parse("-0001-12-31T00:00:00Z"), out)).isZero();
    }
}
