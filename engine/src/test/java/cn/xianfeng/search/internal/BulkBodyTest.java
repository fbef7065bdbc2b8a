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
}
