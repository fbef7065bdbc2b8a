package cn.xianfeng.search.internal;

import cn.xianfeng.org.Orgs;
import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.SearchTypes.SearchHit;
import cn.xianfeng.search.SearchTypes.SearchQuery;
import cn.xianfeng.search.SearchTypes.SearchResult;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fallback when no Elasticsearch is configured: the same documents in a PostgreSQL table, matched by
 * substring (Chinese has no spaces to split words on, and a substring is what a user types).
 */
class PostgresSearchIndex implements SearchIndex {

    private final JdbcClient jdbc;

    PostgresSearchIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void index(List<SearchDocument> documents) {
        for (SearchDocument d : documents) {
            jdbc.sql("""
                    insert into search_document (id, case_id, process, case_subject, org_code, org_path, actor, action,
                                                 step_id, at, text)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (id) do update set text = excluded.text, case_subject = excluded.case_subject""")
                    .params(d.id(), d.caseId(), d.process(), d.caseSubject(), d.orgCode(), d.orgPath(), d.actor(),
                            d.action(), d.stepId(), Timestamp.from(d.at()), d.text())
                    .update();
        }
    }

    @Override
    public SearchResult search(SearchQuery q) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (q.text() != null && !q.text().isBlank()) {
            where.append(" and (text ilike ? escape '\\' or case_subject ilike ? escape '\\')");
            String like = "%" + q.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        }
        equal(where, params, "process", q.process());
        equal(where, params, "actor", q.actor());
        equal(where, params, "action", q.action());
        if (q.orgPath() != null) {
            where.append(" and org_path like ?");
            params.add(Orgs.likePrefix(q.orgPath()));
        }
        if (q.from() != null) {
            where.append(" and at >= ?");
            params.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            where.append(" and at < ?");
            params.add(Timestamp.from(q.to()));
        }
        if (q.orgPaths() != null) {
            where.append(q.orgPaths().isEmpty() ? " and false" : " and (" + String.join(" or ",
                    q.orgPaths().stream().map(p -> "org_path like ?").toList()) + ")");
            q.orgPaths().forEach(p -> params.add(Orgs.likePrefix(p)));
        }
        long total = jdbc.sql("select count(*) from search_document" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(q.size());
        pageParams.add((long) q.page() * q.size());
        List<SearchHit> hits = jdbc.sql("select * from search_document" + where + " order by at desc, id limit ? offset ?")
                .params(pageParams)
                .query((rs, i) -> new SearchHit(rs.getString("id"), rs.getString("case_id"), rs.getString("process"),
                        rs.getString("case_subject"), rs.getString("org_code"), rs.getString("actor"),
                        rs.getString("action"), rs.getString("step_id"), rs.getTimestamp("at").toInstant(),
                        Highlights.around(rs.getString("text"), q.text())))
                .list();
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (String facet : List.of("process", "action")) {
            Map<String, Long> counts = new LinkedHashMap<>();
            jdbc.sql("select " + facet + " k, count(*) n from search_document" + where + " group by " + facet
                            + " order by n desc limit 20")
                    .params(params).query(rs -> {
                        counts.put(rs.getString("k"), rs.getLong("n"));
                    });
            facets.put(facet, counts);
        }
        return new SearchResult(hits, total, facets);
    }

    private static void equal(StringBuilder where, List<Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from search_document").query(Long.class).single();
    }

    @Override
    public void clear() {
        jdbc.sql("delete from search_document").update();
    }

    @Override
    public String name() {
        return "postgresql";
    }
}
