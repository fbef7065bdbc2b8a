package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchQuery;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.json.JsonData;

import java.util.List;

/** A search query as an Elasticsearch bool query: the phrase must match, everything else filters. */
final class ElasticsearchQueries {

    private ElasticsearchQueries() {
    }

    /** Orgs and actors are many: the top ten; kinds, processes and actions are few. */
    static int facetSize(String facet) {
        return "org".equals(facet) || "actor".equals(facet) ? 10 : 20;
    }

    static Query query(SearchQuery q) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (q.text() != null && !q.text().isBlank()) {
            bool.must(m -> m.multiMatch(mm -> mm.query(q.text().strip()).fields(ElasticsearchHits.HIGHLIGHTED)
                    .type(TextQueryType.Phrase)));
        }
        term(bool, "kind", q.kind() == null ? null : q.kind().name());
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
}
