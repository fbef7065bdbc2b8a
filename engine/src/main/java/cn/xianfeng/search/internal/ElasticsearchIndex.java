package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes;
import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.SearchTypes.SearchQuery;
import cn.xianfeng.search.SearchTypes.SearchResult;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.HighlighterEncoder;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Cases, tasks and audit events in one Elasticsearch index, reached through an alias (the configured name) so a
 * rebuild can load a new index and swap the alias at once. An index created under the alias's name before aliases
 * were used keeps serving until the first rebuild replaces it. Chinese text is matched as phrases of characters.
 */
class ElasticsearchIndex implements SearchIndex {

    /**
     * Lucene refuses a term over 32,766 bytes, which would refuse the whole document: longer keyword values (at most
     * 4 bytes a character) are stored in the source but not indexed as terms.
     */
    static final int KEYWORD_LIMIT = 8191;

    /** Batches of at least twice this many documents go as two requests at once. */
    static final int SPLIT_FROM = 500;

    /**
     * The refresh interval of the index this class creates (an index found keeps its own, and a rebuild hands the
     * serving one's on). Elasticsearch's 1 s made a refresh cycle of about 1.3 s under the bench's 1,500 events/s
     * (each refresh took 0.3 s and the next is scheduled after it ends), so commit-to-searchable lag reached p99
     * 1.9-2.6 s: over the 2 s a clerk is promised. Half a second halves the wait for the next refresh. The price: an
     * index with an interval set refreshes while nobody searches (Elasticsearch skips an unsearched shard's refreshes
     * only when none is set), which is work only while documents arrive.
     */
    static final String REFRESH_INTERVAL = "500ms";

    private static final ExecutorService SECOND_HALF = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "search-indexer-bulk");
        t.setDaemon(true);
        return t;
    });

    private final ElasticsearchClient client;
    private final RestClient rest;
    private final String alias;
    private final String refreshInterval;
    private volatile boolean mappingChecked;
    /**
     * The index was there at the last look and no write failed since: the indexer need not ask before each batch.
     * Writes then require the alias, so an index deleted meanwhile is not created again with guessed field types.
     */
    private volatile boolean present;
    /** The configured name is an alias (not an index of that name, as older versions created). */
    private volatile boolean aliased;

    ElasticsearchIndex(ElasticsearchClient client, String alias) {
        this(client, alias, REFRESH_INTERVAL);
    }

    ElasticsearchIndex(ElasticsearchClient client, String alias, String refreshInterval) {
        this.client = client;
        this.rest = ElasticsearchBulk.rest(client);
        this.alias = alias;
        this.refreshInterval = refreshInterval;
    }

    void ensureIndex() throws IOException {
        if (client.indices().exists(e -> e.index(alias)).value()) {
            if (!mappingChecked) {
                // an index created by an older version gains the newer fields and limits (mappings only grow)
                client.indices().putMapping(m -> m.index(alias).properties(properties()));
                mappingChecked = true;
            }
            return;
        }
        try {
            client.indices().create(c -> c.index(alias + "-0").mappings(m -> m.properties(properties()))
                    .settings(x -> x.refreshInterval(t -> t.time(refreshInterval))).aliases(alias, a -> a));
            mappingChecked = true;
        } catch (ElasticsearchException e) {
            // two nodes' first writes race to create it; the loser's index is there all the same
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    static Map<String, Property> properties() {
        Map<String, Property> p = new LinkedHashMap<>();
        for (String keyword : List.of("kind", "caseId", "process", "orgCode", "orgPath", "actor", "action", "stepId",
                "status", "candidates")) {
            p.put(keyword, Property.of(x -> x.keyword(k -> k.ignoreAbove(KEYWORD_LIMIT))));
        }
        for (String text : List.of("caseSubject", "name", "text")) {
            p.put(text, Property.of(x -> x.text(t -> t)));
        }
        for (String date : List.of("at", "due", "ended")) {
            p.put(date, Property.of(x -> x.date(d -> d)));
        }
        return p;
    }

    @Override
    public IndexOutcome index(List<SearchDocument> documents) {
        if (documents.isEmpty()) {
            return IndexOutcome.ALL_STORED;
        }
        try {
            if (!present) {
                // asked again after any failure: a cluster that came back empty gets the index and its mapping
                // before the first write, which would otherwise create one with guessed field types
                ensureIndex();
                aliased = client.indices().existsAlias(a -> a.name(alias)).value();
                present = true;
            }
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailableException("Elasticsearch unreachable: " + e.getMessage(), e);
        }
        try {
            // visible at the next periodic refresh: waiting for it here would only slow the indexer down
            if (documents.size() < 2 * SPLIT_FROM) {
                return ElasticsearchBulk.write(rest, alias, documents, "false", aliased);
            }
            return inHalves(documents);
        } catch (RuntimeException e) {
            present = false;
            throw e;
        }
    }

    /**
     * A large batch as two requests at once: Elasticsearch works through one bulk request per shard on one write
     * thread, so a single request leaves the node's other core idle. Order between the halves does not matter (each
     * document carries its version; a batch holds a document once).
     */
    private IndexOutcome inHalves(List<SearchDocument> documents) {
        int half = documents.size() / 2;
        Future<IndexOutcome> second = SECOND_HALF.submit(() -> ElasticsearchBulk.write(rest, alias,
                documents.subList(half, documents.size()), "false", aliased));
        RuntimeException failure = null;
        Map<String, String> rejected = new HashMap<>();
        try {
            rejected.putAll(ElasticsearchBulk.write(rest, alias, documents.subList(0, half), "false", aliased).rejected());
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            rejected.putAll(second.get().rejected());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SearchUnavailableException("indexing interrupted", e);
        } catch (ExecutionException e) {
            failure = failure != null ? failure : e.getCause() instanceof RuntimeException r ? r
                    : new SearchUnavailableException("Elasticsearch unreachable: " + e.getCause(), e.getCause());
        }
        if (failure != null) {
            throw failure;
        }
        return rejected.isEmpty() ? IndexOutcome.ALL_STORED : new IndexOutcome(rejected);
    }

    @Override
    public void refresh() {
        try {
            ensureIndex();
            client.indices().refresh(r -> r.index(alias));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SearchResult search(SearchQuery q) {
        try {
            ensureIndex();
            SearchResponse<Map> response = client.search(s -> {
                s.index(alias).query(ElasticsearchQueries.query(q)).from(q.page() * q.size()).size(q.size())
                        .trackTotalHits(t -> t.enabled(true))
                        .sort(o -> o.field(f -> f.field("at").order(SortOrder.Desc)))
                        .highlight(h -> {
                            h.encoder(HighlighterEncoder.Html).requireFieldMatch(true);
                            ElasticsearchHits.HIGHLIGHTED.forEach(field -> h.fields(field,
                                    f -> f.preTags("<em>").postTags("</em>").numberOfFragments(1)));
                            return h;
                        });
                SearchTypes.FACETS.forEach((facet, field) -> s.aggregations(facet,
                        a -> a.terms(t -> t.field(field).size(ElasticsearchQueries.facetSize(facet)))));
                return s;
            }, Map.class);
            Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
            SearchTypes.FACETS.keySet().forEach(facet -> {
                Map<String, Long> counts = new LinkedHashMap<>();
                response.aggregations().get(facet).sterms().buckets().array()
                        .forEach(b -> counts.put(b.key().stringValue(), b.docCount()));
                facets.put(facet, counts);
            });
            var hits = response.hits().hits().stream().map(ElasticsearchHits::hit).toList();
            return new SearchResult(hits, response.hits().total() == null ? hits.size() : response.hits().total().value(),
                    facets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long count() {
        try {
            refresh();
            return client.count(c -> c.index(alias)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void clear() {
        present = false;
        try {
            for (String serving : serving()) {
                client.indices().delete(d -> d.index(serving));
            }
            ensureIndex();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Generation rebuilding() {
        return ElasticsearchGeneration.create(client, alias, this);
    }

    /** The concrete indices behind the alias, or the index that has the alias's name (older versions). */
    Set<String> serving() throws IOException {
        try {
            Set<String> behind = client.indices().getAlias(g -> g.name(alias)).result().keySet();
            if (!behind.isEmpty()) {
                return behind;
            }
        } catch (ElasticsearchException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        return client.indices().exists(e -> e.index(alias)).value() ? Set.of(alias) : Set.of();
    }

    @Override
    public String name() {
        return "elasticsearch";
    }
}
