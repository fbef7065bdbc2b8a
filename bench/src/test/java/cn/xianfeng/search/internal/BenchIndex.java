package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The bench's door to the project's own search internals (the ones production configures), in their package. */
public final class BenchIndex {

    private BenchIndex() {
    }

    public static SearchIndex elasticsearch(String uris, String indexName, JdbcClient jdbc) {
        // as the portal's configuration creates it (-Dxianfeng.elasticsearch.refresh-interval=1s to compare)
        return new SearchConfiguration().searchIndex(uris, indexName,
                System.getProperty("xianfeng.elasticsearch.refresh-interval", ElasticsearchIndex.REFRESH_INTERVAL), jdbc);
    }

    /** The context's own indexer (PostgreSQL search), stopped or started again. */
    public static void contextIndexer(ApplicationContext ctx, boolean run) {
        IndexingWorker worker = ctx.getBean(IndexingWorker.class);
        if (run) {
            worker.start();
        } else {
            worker.stop();
        }
    }

    /** A second indexer, as production runs it, writing into {@code index} (stop the context's first). */
    public static AutoCloseable indexer(ApplicationContext ctx, SearchIndex index) {
        IndexingCursor cursor = ctx.getBean(IndexingCursor.class);
        IndexingPass pass = new IndexingPass(ctx.getBean(Sources.class), index, cursor,
                ctx.getBean(IndexingFailures.class), 2000);
        IndexingWorker worker = new IndexingWorker(pass, cursor, Duration.ofMillis(500), Duration.ofSeconds(10));
        worker.start();
        // the writers' commits do not reach this worker's signal: it polls every 100 ms instead
        Thread poke = new Thread(() -> {
            while (worker.isRunning()) {
                worker.signal();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-indexer-poke");
        poke.setDaemon(true);
        poke.start();
        return () -> {
            worker.stop();
            poke.interrupt();
        };
    }

    /** The rebuild, as production runs it, into {@code index}; returns the documents loaded. */
    public static long rebuild(ApplicationContext ctx, SearchIndex index) {
        Rebuild.Result r = rebuildOf(ctx, index).run((phase, done, total) -> { });
        if (r.refused() > 0) {
            throw new IllegalStateException(r.refused() + " documents refused");
        }
        return r.loaded();
    }

    /**
     * The documents a rebuild loads, batch by batch, as Elasticsearch bulk bodies ({@code _index} left to the URL),
     * read and derived by the rebuild's own code (untimed), for sending raw.
     */
    public static List<byte[]> bulkBodies(ApplicationContext ctx) {
        List<byte[]> bodies = new ArrayList<>();
        SearchIndex capture = new SearchIndex() {
            long n;

            @Override
            public IndexOutcome index(List<SearchDocument> documents) {
                throw new UnsupportedOperationException();
            }

            @Override
            public cn.xianfeng.search.SearchTypes.SearchResult search(cn.xianfeng.search.SearchTypes.SearchQuery q) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long count() {
                return n;
            }

            @Override
            public void clear() {
            }

            @Override
            public Generation rebuilding() {
                return new Generation() {
                    @Override
                    public IndexOutcome load(List<SearchDocument> documents) {
                        // the very bytes the rebuild sends for these documents
                        byte[] body = BulkBody.of(documents);
                        synchronized (bodies) {
                            bodies.add(body);
                            n += documents.size();
                        }
                        return IndexOutcome.ALL_STORED;
                    }

                    @Override
                    public long count() {
                        return n;
                    }

                    @Override
                    public void publish() {
                    }

                    @Override
                    public void discard() {
                    }
                };
            }

            @Override
            public String name() {
                return "capture";
            }
        };
        rebuildOf(ctx, capture).run((phase, done, total) -> { });
        return bodies;
    }

    /** Elasticsearch's index mapping as the project creates it, as JSON (for the raw bulk's index). */
    public static String mappingJson() {
        StringBuilder m = new StringBuilder("{\"properties\":{");
        int i = 0;
        for (var e : ElasticsearchIndex.properties().entrySet()) {
            String type = e.getValue()._kind().jsonValue();
            m.append(i++ == 0 ? "" : ",").append('"').append(e.getKey()).append("\":{\"type\":\"").append(type).append('"');
            if ("keyword".equals(type)) {
                m.append(",\"ignore_above\":").append(ElasticsearchIndex.KEYWORD_LIMIT);
            }
            m.append('}');
        }
        return m.append("}}").toString();
    }

    public static Set<String> servingIndices(SearchIndex index) throws IOException {
        return ((ElasticsearchIndex) index).serving();
    }

    private static Rebuild rebuildOf(ApplicationContext ctx, SearchIndex index) {
        return new Rebuild(ctx.getBean(Sources.class), index, ctx.getBean(IndexingCursor.class),
                ctx.getBean(IndexingFailures.class), 500, 0);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
