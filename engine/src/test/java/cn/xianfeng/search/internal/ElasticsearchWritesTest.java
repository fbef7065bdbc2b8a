package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.Kind;
import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.testing.RealServices;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bulk writes against a real Elasticsearch 8.19: the NDJSON body and the streamed answer (a refused document
 * named with its reason, the rest stored; an older derivation skipped without a refusal), an index deleted behind
 * the alias neither recreated with guessed field types nor passed over, and a rebuild that loads without refresh
 * and replicas and gives the serving index's settings back before the swap.
 */
class ElasticsearchWritesTest {

    static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
    static final String PREFIX = "writes-" + ProcessHandle.current().pid();

    static RestClient rest;
    static ElasticsearchClient client;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void connect() {
        rest = RestClient.builder(HttpHost.create(RealServices.elasticsearch().uri().toString())).build();
        client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    }

    @AfterAll
    static void close() throws IOException {
        for (String index : client.indices().get(g -> g.index(PREFIX + "*").allowNoIndices(true)).result().keySet()) {
            rest.performRequest(new Request("DELETE", "/" + index));
        }
        rest.close();
    }

    @Test
    void aRefusedDocumentIsNamedWithItsReasonAndTheRestAreStored() throws Exception {
        String target = PREFIX + "-refusal";
        // an index where the actor must be a number: a name is refused for what it is (a mapping refusal)
        Request create = new Request("PUT", "/" + target);
        create.setJsonEntity("{\"mappings\":{\"properties\":{\"actor\":{\"type\":\"long\"}}}}");
        rest.performRequest(create);
        List<SearchDocument> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(doc("audit-" + i, i == 17 ? "sec1" : String.valueOf(i), 1));
        }
        IndexOutcome outcome = ElasticsearchBulk.write(rest, target, batch, "wait_for", false);
        assertThat(outcome.rejected()).containsOnlyKeys("audit-17");
        assertThat(outcome.rejected().get("audit-17")).contains("parsing_exception").contains("actor");
        assertThat(count(target)).isEqualTo(49);
    }

    @Test
    void anOlderDerivationIsSkippedWithoutARefusalAndTheNewerKept() throws Exception {
        String target = PREFIX + "-versions";
        assertThat(ElasticsearchBulk.write(rest, target, List.of(doc("case-1", "newer", 5)), "wait_for", false)
                .rejected()).isEmpty();
        assertThat(ElasticsearchBulk.write(rest, target, List.of(doc("case-1", "older", 3), doc("case-2", "other", 1)),
                "wait_for", false).rejected()).as("a conflict is no refusal").isEmpty();
        JsonNode stored = get("/" + target + "/_doc/case-1");
        assertThat(stored.path("_version").asLong()).isEqualTo(5);
        assertThat(stored.path("_source").path("actor").asText()).isEqualTo("newer");
        assertThat(stored.path("_source").has("due")).as("fields without a value are left out").isFalse();
        assertThat(count(target)).isEqualTo(2);
    }

    @Test
    void anIndexDeletedBehindTheAliasIsCreatedAgainWithItsMappingNotGuessed() throws Exception {
        String alias = PREFIX + "-deleted";
        ElasticsearchIndex index = new ElasticsearchIndex(client, alias);
        assertThat(index.index(List.of(doc("audit-1", "sec1", 1))).rejected()).isEmpty();
        for (String concrete : index.serving()) {
            rest.performRequest(new Request("DELETE", "/" + concrete));
        }
        assertThatThrownBy(() -> index.index(List.of(doc("audit-2", "sec1", 1))))
                .as("the batch is not stored into an index Elasticsearch would make up")
                .isInstanceOf(SearchUnavailableException.class);
        assertThat(index.serving()).as("nothing created by the failed write").isEmpty();
        assertThat(index.index(List.of(doc("audit-2", "sec1", 1))).rejected()).as("the next pass").isEmpty();
        String concrete = index.serving().iterator().next();
        assertThat(get("/" + concrete + "/_mapping").path(concrete).path("mappings").path("properties").path("actor")
                .path("type").asText()).as("the project's mapping, not a guessed text field").isEqualTo("keyword");
        assertThat(settings(concrete).path(ElasticsearchGeneration.REFRESH).asText())
                .as("created refreshing twice a second: searchable within the 2 s promised under load")
                .isEqualTo(ElasticsearchIndex.REFRESH_INTERVAL);
        assertThat(index.count()).isEqualTo(1);
    }

    @Test
    void aRebuildLoadsWithoutRefreshOrReplicasAndGivesTheServingSettingsBackBeforeTheSwap() throws Exception {
        String alias = PREFIX + "-rebuild";
        ElasticsearchIndex index = new ElasticsearchIndex(client, alias);
        index.count();
        String former = index.serving().iterator().next();
        Request tune = new Request("PUT", "/" + former + "/_settings");
        tune.setJsonEntity("{\"index.refresh_interval\":\"3s\",\"index.number_of_replicas\":2}");
        rest.performRequest(tune);

        ElasticsearchGeneration next = (ElasticsearchGeneration) index.rebuilding();
        JsonNode loading = settings(next.index());
        assertThat(loading.path(ElasticsearchGeneration.REFRESH).asText()).isEqualTo("-1");
        assertThat(loading.path(ElasticsearchGeneration.REPLICAS).asText()).isEqualTo("0");
        assertThat(next.load(List.of(doc("audit-1", "sec1", 1), doc("audit-2", "sec2", 1))).rejected()).isEmpty();
        next.publish();

        assertThat(index.serving()).containsExactly(next.index());
        JsonNode serving = settings(next.index());
        assertThat(serving.path(ElasticsearchGeneration.REFRESH).asText()).isEqualTo("3s");
        assertThat(serving.path(ElasticsearchGeneration.REPLICAS).asText()).isEqualTo("2");
        assertThat(index.count()).isEqualTo(2);

        // an index with Elasticsearch's defaults hands those on: no refresh interval set, one replica
        ElasticsearchGeneration again = (ElasticsearchGeneration) index.rebuilding();
        assertThat(again.restored()).containsEntry(ElasticsearchGeneration.REFRESH, "3s");
        Request reset = new Request("PUT", "/" + next.index() + "/_settings");
        reset.setJsonEntity("{\"index.refresh_interval\":null,\"index.number_of_replicas\":null}");
        rest.performRequest(reset);
        again.discard();
        ElasticsearchGeneration third = (ElasticsearchGeneration) index.rebuilding();
        third.load(List.of(doc("audit-3", "sec3", 1)));
        third.publish();
        JsonNode defaults = settings(third.index());
        assertThat(defaults.has(ElasticsearchGeneration.REFRESH)).as("the default refresh interval").isFalse();
        assertThat(defaults.path(ElasticsearchGeneration.REPLICAS).asText()).isEqualTo("1");
    }

    private static SearchDocument doc(String id, String actor, long version) {
        return new SearchDocument(id, Kind.AUDIT, "c1", "report", "案件", "K", "/K/", actor, "COMMENTED", null, T0, "批量写入", null, null, List.of(), null,
                null, version);
    }

    private long count(String target) throws IOException {
        rest.performRequest(new Request("POST", "/" + target + "/_refresh"));
        return get("/" + target + "/_count").path("count").asLong();
    }

    private JsonNode settings(String concrete) throws IOException {
        Request r = new Request("GET", "/" + concrete + "/_settings");
        r.addParameter("flat_settings", "true");
        return json.readTree(rest.performRequest(r).getEntity().getContent()).path(concrete).path("settings");
    }

    private JsonNode get(String path) throws IOException {
        return json.readTree(rest.performRequest(new Request("GET", path)).getEntity().getContent());
    }
}
