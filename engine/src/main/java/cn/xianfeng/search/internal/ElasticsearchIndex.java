package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes;
import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.SearchTypes.SearchQuery;
import cn.xianfeng.search.SearchTypes.SearchResult;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.HighlighterEncoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cases, tasks and audit events in one Elasticsearch index; Chinese text is matched as phrases of characters. */
class ElasticsearchIndex implements SearchIndex {

    private static final String CONFLICT = "version_conflict_engine_exception";

    private final ElasticsearchClient client;
    private final String index;
    private volatile boolean mappingChecked;

    ElasticsearchIndex(ElasticsearchClient client, String index) {
        this.client = client;
        this.index = index;
    }

    void ensureIndex() throws IOException {
        if (client.indices().exists(e -> e.index(index)).value()) {
            if (!mappingChecked) {
                // an index created before cases and tasks were indexed gains their fields (mappings only grow)
                client.indices().putMapping(m -> m.index(index).properties(properties()));
                mappingChecked = true;
            }
            return;
        }
        try {
            client.indices().create(c -> c.index(index).mappings(m -> m.properties(properties())));
            mappingChecked = true;
        } catch (ElasticsearchException e) {
            // concurrent first writes (async listeners) race to create it; the loser's index is there all the same
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    private static Map<String, Property> properties() {
        Map<String, Property> p = new LinkedHashMap<>();
        for (String keyword : List.of("kind", "caseId", "process", "orgCode", "orgPath", "actor", "action", "stepId",
                "status", "candidates")) {
            p.put(keyword, Property.of(x -> x.keyword(k -> k)));
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
    public void index(List<SearchDocument> documents) {
        bulk(documents, Refresh.WaitFor);
    }

    @Override
    public void load(List<SearchDocument> documents) {
        bulk(documents, Refresh.False);
    }

    private void bulk(List<SearchDocument> documents, Refresh refresh) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            ensureIndex();
            BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(refresh);
            for (SearchDocument d : documents) {
                bulk.operations(op -> op.index(i -> i.index(index).id(d.id()).versionType(VersionType.ExternalGte)
                        .version(d.version()).document(ElasticsearchHits.source(d))));
            }
            BulkResponse response = client.bulk(bulk.build());
            // a conflict means a newer derivation of the same document is already stored: nothing to do
            List<BulkResponseItem> refused = response.items().stream()
                    .filter(i -> i.error() != null && !CONFLICT.equals(i.error().type())).toList();
            if (!refused.isEmpty()) {
                throw new IllegalStateException("Elasticsearch refused " + refused.size() + " documents: "
                        + refused.get(0).error().reason());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SearchResult search(SearchQuery q) {
        try {
            ensureIndex();
            SearchResponse<Map> response = client.search(s -> {
                s.index(index).query(ElasticsearchQueries.query(q)).from(q.page() * q.size()).size(q.size())
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
            ensureIndex();
            client.indices().refresh(r -> r.index(index));
            return client.count(c -> c.index(index)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void clear() {
        try {
            client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
            ensureIndex();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "elasticsearch";
    }
}
