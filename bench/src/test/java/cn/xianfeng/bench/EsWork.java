package cn.xianfeng.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where Elasticsearch's time went between two snapshots of its node statistics (all indices, so that merges of an
 * earlier section's index show up too): indexing, merging, refreshing, flushing, garbage collection, in seconds;
 * then how often: documents indexed, write requests (one per shard of each bulk request; each also syncs the
 * translog to disk under the default durability), searches, refreshes and merges.
 */
final class EsWork {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keys that are counts, not milliseconds. */
    private static final java.util.Set<String> COUNTS = java.util.Set.of("documents", "write requests", "searches",
            "refreshes", "merges");

    private final URI es;
    private final Map<String, Long> start;

    private EsWork(URI es, Map<String, Long> start) {
        this.es = es;
        this.start = start;
    }

    static EsWork now(URI es) {
        return new EsWork(es, read(es));
    }

    /** Waits (up to {@code limit}) until no merge runs on any node, so that a timed part does not pay for the last one's. */
    static Duration awaitNoMerges(URI es, Duration limit) throws InterruptedException {
        long t = System.nanoTime();
        while (read(es).get("merges running") > 0 && System.nanoTime() - t < limit.toNanos()) {
            Thread.sleep(200);
        }
        return Duration.ofNanos(System.nanoTime() - t);
    }

    /** "indexing 61.2 s · merging 20.1 s · …" since {@link #now}. */
    String since() {
        Map<String, Long> end = read(es);
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Long> e : end.entrySet()) {
            if (e.getKey().equals("merges running")) {
                continue;
            }
            if (!s.isEmpty()) {
                s.append(" · ");
            }
            long delta = e.getValue() - start.get(e.getKey());
            s.append(COUNTS.contains(e.getKey()) ? String.format("%s %,d", e.getKey(), delta)
                    : String.format("%s %.1f s", e.getKey(), delta / 1000.0));
        }
        return s + String.format(" · merges running at start %d", start.get("merges running"));
    }

    private static Map<String, Long> read(URI es) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(es.resolve("/_nodes/stats/indices,jvm,thread_pool")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, Long> m = new LinkedHashMap<>();
            for (JsonNode node : JSON.readTree(r.body()).path("nodes")) {
                JsonNode i = node.path("indices");
                add(m, "indexing", i.path("indexing").path("index_time_in_millis").asLong());
                add(m, "merging", i.path("merges").path("total_time_in_millis").asLong());
                add(m, "merges running", i.path("merges").path("current").asLong());
                add(m, "refreshing", i.path("refresh").path("total_time_in_millis").asLong());
                add(m, "flushing", i.path("flush").path("total_time_in_millis").asLong());
                long gc = 0;
                for (JsonNode c : node.path("jvm").path("gc").path("collectors")) {
                    gc += c.path("collection_time_in_millis").asLong();
                }
                add(m, "GC", gc);
                add(m, "documents", i.path("indexing").path("index_total").asLong());
                add(m, "write requests", node.path("thread_pool").path("write").path("completed").asLong());
                add(m, "searches", i.path("search").path("query_total").asLong());
                add(m, "refreshes", i.path("refresh").path("total").asLong());
                add(m, "merges", i.path("merges").path("total").asLong());
            }
            return m;
        } catch (Exception e) {
            throw new IllegalStateException("Elasticsearch node statistics: " + e.getMessage(), e);
        }
    }

    private static void add(Map<String, Long> m, String key, long value) {
        m.merge(key, value, Long::sum);
    }
}
