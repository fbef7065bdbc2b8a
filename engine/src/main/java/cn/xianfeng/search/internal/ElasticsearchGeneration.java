package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A rebuild's new index: created beside the serving one without periodic refresh (loading is faster), published by
 * moving the alias to it in one atomic request, after which the former index is deleted.
 */
final class ElasticsearchGeneration implements SearchIndex.Generation {

    private final ElasticsearchClient client;
    private final String alias;
    private final String index;
    private final ElasticsearchIndex serving;

    private ElasticsearchGeneration(ElasticsearchClient client, String alias, String index, ElasticsearchIndex serving) {
        this.client = client;
        this.alias = alias;
        this.index = index;
        this.serving = serving;
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
            client.indices().create(c -> c.index(index).mappings(m -> m.properties(ElasticsearchIndex.properties()))
                    .settings(s -> s.refreshInterval(t -> t.time("-1"))));
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailableException("Elasticsearch could not create " + index + ": " + e.getMessage(), e);
        }
        return new ElasticsearchGeneration(client, alias, index, serving);
    }

    String index() {
        return index;
    }

    @Override
    public IndexOutcome load(List<SearchDocument> documents) {
        return ElasticsearchBulk.write(client, index, documents, Refresh.False);
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
            // back to the default refresh interval before it serves, and everything loaded searchable at once
            client.indices().putSettings(p -> p.index(index).settings(s -> s.refreshInterval(t -> t.time("1s"))));
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
