package cn.xianfeng.portal.metrics;

import cn.xianfeng.search.SearchIndexing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.util.function.ToLongFunction;

/**
 * Search indexing for monitoring: {@code xianfeng.search.dead.letters} (events no longer retried, an administrator
 * must look) and {@code xianfeng.search.retrying} (refused, waiting for another attempt). Read from the database at
 * each scrape; NaN while it cannot be read.
 */
@Component
class SearchIndexingMetrics implements MeterBinder {

    private final SearchIndexing indexing;

    SearchIndexingMetrics(SearchIndexing indexing) {
        this.indexing = indexing;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "xianfeng.search.dead.letters", "Events whose search documents the index kept refusing",
                SearchIndexing.Counts::deadLetters);
        gauge(registry, "xianfeng.search.retrying", "Events whose search documents were refused, to be retried",
                SearchIndexing.Counts::retrying);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToLongFunction<SearchIndexing.Counts> f) {
        Gauge.builder(name, indexing, i -> {
            try {
                return f.applyAsLong(i.counts());
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description(description).register(registry);
    }
}
