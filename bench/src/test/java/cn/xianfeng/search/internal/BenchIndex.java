package cn.xianfeng.search.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The bench's door to the project's own Elasticsearch index (the one production configures), in its package. */
public final class BenchIndex {

    private BenchIndex() {
    }

    public static SearchIndex elasticsearch(String uris, String indexName, JdbcClient jdbc) {
        return new SearchConfiguration().searchIndex(uris, indexName, jdbc);
    }
}
