package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.SearchTypes.SearchHit;
import cn.xianfeng.search.SearchTypes.SearchQuery;
import cn.xianfeng.search.SearchTypes.SearchResult;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.JsonData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Audit events in one Elasticsearch index; Chinese text is matched as phrases of characters. */
class ElasticsearchIndex implements SearchIndex {

    private final ElasticsearchClient client;
    private final String index;

    ElasticsearchIndex(ElasticsearchClient client, String index) {
        this.client = client;
        this.index = index;
    }

    void ensureIndex() throws IOException {
        if (client.indices().exists(e -> e.index(index)).value()) {
            return;
        }
        try {
            create();
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            // concurrent first writes (async listeners) race to create it; the loser's index is there all the same
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    private void create() throws IOException {
        client.indices().create(c -> c.index(index).mappings(m -> m
                .properties("caseId", p -> p.keyword(k -> k))
                .properties("process", p -> p.keyword(k -> k))
                .properties("caseSubject", p -> p.text(t -> t))
                .properties("orgCode", p -> p.keyword(k -> k))
                .properties("orgPath", p -> p.keyword(k -> k))
                .properties("actor", p -> p.keyword(k -> k))
                .properties("action", p -> p.keyword(k -> k))
                .properties("stepId", p -> p.keyword(k -> k))
                .properties("at", p -> p.date(d -> d))
                .properties("text", p -> p.text(t -> t))));
    }

    @Override
    public void index(List<SearchDocument> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            ensureIndex();
            BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.WaitFor);
            for (SearchDocument d : documents) {
                bulk.operations(op -> op.index(i -> i.index(index).id(d.id()).document(source(d))));
            }
            BulkResponse response = client.bulk(bulk.build());
            if (response.errors()) {
                throw new IllegalStateException("Elasticsearch refused documents: " + response.items().stream()
                        .filter(i -> i.error() != null).map(i -> i.error().reason()).findFirst().orElse("?"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> source(SearchDocument d) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("caseId", d.caseId());
        s.put("process", d.process());
        s.put("caseSubject", d.caseSubject());
        s.put("orgCode", d.orgCode());
        s.put("orgPath", d.orgPath());
        s.put("actor", d.actor());
        s.put("action", d.action());
        s.put("stepId", d.stepId());
        s.put("at", d.at().toString());
        s.put("text", d.text());
        return s;
    }

    @Override
    public SearchResult search(SearchQuery q) {
        try {
            ensureIndex();
            SearchResponse<Map> response = client.search(s -> s.index(index)
                    .query(query(q)).from(q.page() * q.size()).size(q.size()).trackTotalHits(t -> t.enabled(true))
                    .sort(o -> o.field(f -> f.field("at").order(SortOrder.Desc)))
                    .highlight(h -> h.encoder(co.elastic.clients.elasticsearch.core.search.HighlighterEncoder.Html)
                            .fields("text", f -> f.preTags("<em>").postTags("</em>").numberOfFragments(1)))
                    .aggregations("process", a -> a.terms(t -> t.field("process").size(20)))
                    .aggregations("action", a -> a.terms(t -> t.field("action").size(20))), Map.class);
            List<SearchHit> hits = response.hits().hits().stream().map(h -> {
                Map<?, ?> src = h.source();
                List<String> fragments = h.highlight().get("text");
                return new SearchHit(h.id(), str(src, "caseId"), str(src, "process"), str(src, "caseSubject"),
                        str(src, "orgCode"), str(src, "actor"), str(src, "action"), str(src, "stepId"),
                        Instant.parse(str(src, "at")), fragments == null || fragments.isEmpty()
                        ? Highlights.around(str(src, "text"), null) : fragments.get(0));
            }).toList();
            Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
            for (String facet : List.of("process", "action")) {
                Map<String, Long> counts = new LinkedHashMap<>();
                response.aggregations().get(facet).sterms().buckets().array()
                        .forEach(b -> counts.put(b.key().stringValue(), b.docCount()));
                facets.put(facet, counts);
            }
            return new SearchResult(hits, response.hits().total() == null ? hits.size() : response.hits().total().value(),
                    facets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Query query(SearchQuery q) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (q.text() != null && !q.text().isBlank()) {
            bool.must(m -> m.multiMatch(mm -> mm.query(q.text().strip()).fields("text", "caseSubject")
                    .type(co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType.Phrase)));
        }
        term(bool, "process", q.process());
        term(bool, "actor", q.actor());
        term(bool, "action", q.action());
        if (q.orgPath() != null) {
            bool.filter(f -> f.prefix(p -> p.field("orgPath").value(q.orgPath())));
        }
        if (q.from() != null || q.to() != null) {
            bool.filter(f -> f.range(r -> r.untyped(u -> {
                u.field("at");
                if (q.from() != null) {
                    u.gte(JsonData.of(q.from().toString()));
                }
                if (q.to() != null) {
                    u.lt(JsonData.of(q.to().toString()));
                }
                return u;
            })));
        }
        if (q.orgPaths() != null) {
            bool.filter(f -> f.bool(b -> {
                q.orgPaths().forEach(p -> b.should(s -> s.prefix(x -> x.field("orgPath").value(p))));
                return b.minimumShouldMatch(q.orgPaths().isEmpty() ? "0" : "1")
                        .must(q.orgPaths().isEmpty() ? List.of(Query.of(x -> x.matchNone(n -> n))) : List.of());
            }));
        }
        return Query.of(x -> x.bool(bool.build()));
    }

    private static void term(BoolQuery.Builder bool, String field, String value) {
        if (value != null && !value.isBlank()) {
            bool.filter(f -> f.term(t -> t.field(field).value(FieldValue.of(value))));
        }
    }

    private static String str(Map<?, ?> src, String key) {
        Object v = src == null ? null : src.get(key);
        return v == null ? null : v.toString();
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
