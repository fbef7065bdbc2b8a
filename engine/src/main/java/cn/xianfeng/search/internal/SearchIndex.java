package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.SearchTypes.SearchQuery;
import cn.xianfeng.search.SearchTypes.SearchResult;

import java.util.List;

/** Where search documents live: Elasticsearch in production, PostgreSQL on the embedded default. */
public interface SearchIndex {

    /**
     * Adds or replaces documents in one request. A document whose version is lower than the stored one's is
     * skipped: it was derived before the stored one. Documents the store refuses are returned, the rest stored;
     * a store that cannot be reached throws {@link SearchUnavailableException}.
     */
    IndexOutcome index(List<SearchDocument> documents);

    /** Makes every stored document searchable now (Elasticsearch otherwise shows them within its refresh interval). */
    default void refresh() {
    }

    SearchResult search(SearchQuery query);

    long count();

    /** Drops every document (tests and benchmarks; a rebuild writes into a {@link #rebuilding() new generation}). */
    void clear();

    /** An empty new index (or table) beside the one serving, which serves on only until the new one is published. */
    Generation rebuilding();

    String name();

    /** A rebuild's target: loaded in batches, then published in one atomic swap, or discarded. */
    interface Generation {

        /** Like {@link SearchIndex#index}, without making the documents visible at once. */
        IndexOutcome load(List<SearchDocument> documents);

        /** Documents held, all loads visible. */
        long count();

        /** Makes this generation the one searched and written, and drops the former one. */
        void publish();

        /** Drops this generation; the serving one is untouched. */
        void discard();
    }
}
