package cn.xianfeng.search.internal;

import cn.xianfeng.org.Orgs;
import cn.xianfeng.search.SearchTypes;
import cn.xianfeng.search.SearchTypes.Kind;
import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.SearchTypes.SearchHit;
import cn.xianfeng.search.SearchTypes.SearchQuery;
import cn.xianfeng.search.SearchTypes.SearchResult;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fallback when no Elasticsearch is configured: the same documents in a PostgreSQL table, matched by
 * substring (Chinese has no spaces to split words on, and a substring is what a user types).
 */
class PostgresSearchIndex implements SearchIndex {

    private static final Map<String, String> COLUMNS = Map.of("kind", "kind", "process", "process",
            "action", "action", "org", "org_code", "actor", "actor");

    static final String TABLE = "search_document";

    private final JdbcClient jdbc;

    PostgresSearchIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public IndexOutcome index(List<SearchDocument> documents) {
        return PostgresWrites.upsert(jdbc, TABLE, documents);
    }

    /**
     * Writes the documents and moves the indexer's cursor in one statement, the documents only if it moved (the
     * caller's transaction holds the batch's reads too); false if the cursor was not where {@code move} expects.
     * A document PostgreSQL refuses fails the statement ({@link PostgresWrites#refusesData}).
     */
    boolean indexMoving(List<SearchDocument> documents, IndexingCursor.Move move) {
        return PostgresWrites.upsertMoving(jdbc, TABLE, documents, IndexingCursor.Move.SQL, move.params());
    }

    @Override
    public Generation rebuilding() {
        return PostgresGeneration.create(jdbc);
    }

    @Override
    public SearchResult search(SearchQuery q) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (q.text() != null && !q.text().isBlank()) {
            where.append(" and (text ilike ? escape '\\' or name ilike ? escape '\\' or case_subject ilike ? escape '\\')");
            String like = "%" + q.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.addAll(List.of(like, like, like));
        }
        equal(where, params, "kind", q.kind() == null ? null : q.kind().name());
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
                .params(pageParams).query((rs, i) -> hit(rs, q.text())).list();
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (String facet : SearchTypes.FACETS.keySet()) {
            String column = COLUMNS.get(facet);
            Map<String, Long> counts = new LinkedHashMap<>();
            // Elasticsearch counts no bucket for a missing value; neither does this
            jdbc.sql("select " + column + " k, count(*) n from search_document" + where + " and " + column
                            + " is not null group by " + column + " order by n desc, k limit "
                            + ElasticsearchQueries.facetSize(facet))
                    .params(params).query(rs -> {
                        counts.put(rs.getString("k"), rs.getLong("n"));
                    });
            facets.put(facet, counts);
        }
        return new SearchResult(hits, total, facets);
    }

    private static SearchHit hit(ResultSet rs, String query) throws SQLException {
        String candidates = rs.getString("candidates");
        return new SearchHit(rs.getString("id"), rs.getString("case_id"), rs.getString("process"),
                rs.getString("case_subject"), rs.getString("org_code"), rs.getString("actor"), rs.getString("action"),
                rs.getString("step_id"), rs.getTimestamp("at").toInstant(),
                highlight(query, rs.getString("text"), rs.getString("name"), rs.getString("case_subject")),
                Kind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("status"),
                candidates == null || candidates.isBlank() ? List.of() : Arrays.asList(candidates.split(" ")),
                instant(rs.getTimestamp("due")), instant(rs.getTimestamp("ended_at")));
    }

    /** The excerpt comes from the first field that matches, in Elasticsearch's order of preference. */
    private static String highlight(String query, String text, String name, String subject) {
        if (query != null && !query.isBlank()) {
            String q = query.strip().toLowerCase();
            for (String field : new String[] {text, name, subject}) {
                if (field != null && field.toLowerCase().contains(q)) {
                    return Highlights.around(field, query);
                }
            }
        }
        return Highlights.around(ElasticsearchHits.excerptSource(text, name), null);
    }

    private static void equal(StringBuilder where, List<Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
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
