package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.SearchTypes.SearchQuery;
import cn.xianfeng.search.SearchTypes.SearchResult;

import java.util.List;

/** Where search documents live: Elasticsearch in production, PostgreSQL on the embedded default. */
public interface SearchIndex {

    void index(List<SearchDocument> documents);

    SearchResult search(SearchQuery query);

    long count();

    /** Drops every document, for a rebuild. */
    void clear();

    String name();
}
