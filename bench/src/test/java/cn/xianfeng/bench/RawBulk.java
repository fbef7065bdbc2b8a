package cn.xianfeng.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Raw Elasticsearch bulk: prebuilt request bodies posted as they are into a fresh index with the project's mapping
 * and the rebuild's load settings (no periodic refresh, no replicas), then one refresh: what the cluster can take, with no
 * reading, deriving or serializing on the client's side.
 */
final class RawBulk {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final URI es;
    private final String index;

    RawBulk(URI es, String index, String mapping) throws Exception {
        this.es = es;
        this.index = index;
        send("DELETE", "/" + index + "?ignore_unavailable=true", null);
        HttpResponse<String> created = send("PUT", "/" + index,
                "{\"settings\":{\"refresh_interval\":\"-1\",\"number_of_replicas\":0},\"mappings\":" + mapping + "}");
        if (created.statusCode() != 200) {
            throw new IllegalStateException("raw index not created: " + created.body());
        }
    }

    /** Sends every body, {@code parallel} at a time, then refreshes; the seconds it took. */
    double send(List<byte[]> bodies, int parallel) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        long t = System.nanoTime();
        Future<?>[] senders = new Future<?>[parallel];
        for (int p = 0; p < parallel; p++) {
            senders[p] = pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < bodies.size(); ) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(es.resolve("/" + index + "/_bulk"))
                            .header("Content-Type", "application/x-ndjson")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200 || json.readTree(r.body()).path("errors").asBoolean()) {
                        throw new IllegalStateException("raw bulk failed: " + r.body().substring(0, Math.min(500, r.body().length())));
                    }
                }
                return null;
            });
        }
        for (Future<?> f : senders) {
            f.get();
        }
        pool.shutdown();
        send("POST", "/" + index + "/_refresh", null);
        return (System.nanoTime() - t) / 1e9;
    }

    long count() throws Exception {
        return json.readTree(send("GET", "/" + index + "/_count", null).body()).path("count").asLong();
    }

    void delete() throws Exception {
        send("DELETE", "/" + index + "?ignore_unavailable=true", null);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(es.resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
