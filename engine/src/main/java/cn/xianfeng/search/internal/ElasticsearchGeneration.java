package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * A rebuild's new index: created beside the serving one without periodic refresh and without replicas (loading is
 * faster: no refresh every second, every document indexed once rather than once per copy), published by giving it
 * the serving index's refresh interval and replicas back and moving the alias to it in one atomic request, after
 * which the former index is deleted.
 */
final class ElasticsearchGeneration implements SearchIndex.Generation {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The settings a rebuild loads with, and gives back before the swap. */
    static final String REFRESH = "index.refresh_interval";
    static final String REPLICAS = "index.number_of_replicas";

    /** Bulk requests sent at once while loading. */
    static final int SENDING = 2;

    private final ElasticsearchClient client;
    private final RestClient rest;
    private final Semaphore sending = new Semaphore(SENDING);
    private final String alias;
    private final String index;
    private final ElasticsearchIndex serving;
    /** The serving index's refresh interval and replicas when loading began (null: Elasticsearch's default). */
    private final Map<String, String> restored;

    private ElasticsearchGeneration(ElasticsearchClient client, String alias, String index, ElasticsearchIndex serving,
                                    Map<String, String> restored) {
        this.client = client;
        this.rest = ElasticsearchBulk.rest(client);
        this.alias = alias;
        this.index = index;
        this.serving = serving;
        this.restored = restored;
    }

    static ElasticsearchGeneration create(ElasticsearchClient client, String alias, ElasticsearchIndex serving) {
        String index = alias + "-" + Instant.now().toEpochMilli();
        try {
            // what an earlier rebuild left when it could not discard its index (the cluster was down)
            Set<String> keep = serving.serving();
            for (String old : client.indices().get(g -> g.index(alias + "-*").allowNoIndices(true)).result().keySet()) {
                if (old.matches(java.util.regex.Pattern.quote(alias) + "-\\d+") && !keep.contains(old)) {
                    client.indices().delete(d -> d.index(old).ignoreUnavailable(true));
                }
            }
            Map<String, String> restored = servingSettings(ElasticsearchBulk.rest(client), keep);
            client.indices().create(c -> c.index(index).mappings(m -> m.properties(ElasticsearchIndex.properties()))
                    .settings(s -> s.refreshInterval(t -> t.time("-1")).numberOfReplicas("0")));
            return new ElasticsearchGeneration(client, alias, index, serving, restored);
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailableException("Elasticsearch could not create " + index + ": " + e.getMessage(), e);
        }
    }

    /** What the new index serves with: the serving index's refresh interval and replicas, else the defaults. */
    private static Map<String, String> servingSettings(RestClient rest, Set<String> serving) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(REFRESH, null);
        out.put(REPLICAS, null);
        if (serving.isEmpty()) {
            return out;
        }
        Request get = new Request("GET", "/" + String.join(",", serving) + "/_settings");
        get.addParameter("flat_settings", "true");
        JsonNode answer = JSON.readTree(rest.performRequest(get).getEntity().getContent());
        answer.elements().forEachRemaining(i -> out.keySet().forEach(k -> {
            JsonNode v = i.path("settings").path(k);
            if (v.isTextual()) {
                out.put(k, v.asText());
            }
        }));
        return out;
    }

    /** The settings given back before the swap (null: reset to Elasticsearch's default). */
    Map<String, String> restored() {
        return Collections.unmodifiableMap(restored);
    }

    String index() {
        return index;
    }

    /**
     * Written by several loaders at once, each body prepared while others are sent; at most {@link #SENDING} requests
     * are with Elasticsearch at a time (one per write thread of a small node: more would only queue there).
     */
    @Override
    public IndexOutcome load(List<SearchDocument> documents) {
        if (documents.isEmpty()) {
            return IndexOutcome.ALL_STORED;
        }
        byte[] body = BulkBody.of(documents);
        try {
            sending.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SearchUnavailableException("rebuild interrupted", e);
        }
        try {
            return ElasticsearchBulk.write(rest, index, documents, body, "false", false);
        } finally {
            sending.release();
        }
    }

    @Override
    public long count() {
        try {
            client.indices().refresh(r -> r.index(index));
            return client.count(c -> c.index(index)).count();
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailableException("Elasticsearch could not count " + index + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void publish() {
        try {
            // the serving index's refresh interval and replicas before it serves, and everything loaded searchable
            Request put = new Request("PUT", "/" + index + "/_settings");
            ObjectNode settings = JSON.createObjectNode();
            restored.forEach((k, v) -> {
                if (v == null) {
                    settings.putNull(k);
                } else {
                    settings.put(k, v);
                }
            });
            put.setJsonEntity(settings.toString());
            rest.performRequest(put);
            client.indices().refresh(r -> r.index(index));
            Set<String> former = serving.serving();
            List<Action> actions = new ArrayList<>();
            for (String old : former) {
                actions.add(old.equals(alias)
                        // an index under the alias's own name (older versions): removed in the same atomic request
                        ? Action.of(a -> a.removeIndex(r -> r.index(old)))
                        : Action.of(a -> a.remove(r -> r.index(old).alias(alias))));
            }
            actions.add(Action.of(a -> a.add(x -> x.index(index).alias(alias))));
            client.indices().updateAliases(u -> u.actions(actions));
            for (String old : former) {
                if (!old.equals(alias)) {
                    deleteQuietly(old);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailableException("Elasticsearch could not publish " + index + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void discard() {
        deleteQuietly(index);
    }

    private void deleteQuietly(String name) {
        try {
            client.indices().delete(d -> d.index(name).ignoreUnavailable(true));
        } catch (IOException | ElasticsearchException e) {
            // a leftover index costs disk, not correctness: the alias never points to it
        }
    }
}
