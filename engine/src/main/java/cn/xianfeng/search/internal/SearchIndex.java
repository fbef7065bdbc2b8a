package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.SearchTypes.SearchQuery;
import cn.xianfeng.search.SearchTypes.SearchResult;

import java.util.List;

/** Where search documents live: Elasticsearch in production, PostgreSQL on the embedded default. */
public interface SearchIndex {

    /**
     * Adds or replaces documents, visible to the next search. A document whose version is lower than the stored
     * one's is skipped: it was derived before the stored one.
     */
    void index(List<SearchDocument> documents);

    /** The same for a rebuild's batches, which need not be visible at once. */
    default void load(List<SearchDocument> documents) {
        index(documents);
    }

    SearchResult search(SearchQuery query);

    long count();

    /** Drops every document, for a rebuild. */
    void clear();

    String name();
}
