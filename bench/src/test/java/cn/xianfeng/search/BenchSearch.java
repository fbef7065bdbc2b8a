package cn.xianfeng.search;

import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.search.internal.SearchIndex;

/** The project's {@link Search} over a given index, so the bench can search Elasticsearch from a context on PostgreSQL. */
public final class BenchSearch {

    private BenchSearch() {
    }

    public static Search over(SearchIndex index, People people, Orgs orgs) {
        return new Search(index, people, orgs);
    }
}
