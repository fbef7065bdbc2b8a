package cn.xianfeng.testing;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/** A handle on a running Elasticsearch. Only the self-started one can be stopped and started again. */
public interface Elasticsearch {

    /** Base URI of the HTTP API, e.g. {@code http://127.0.0.1:9235}. */
    URI uri();

    /** All node URIs, for clients that take a list. */
    default List<URI> uris() {
        return List.of(uri());
    }

    /** Starts the server again on the same port and data directory (after {@link #stop()}). */
    void start();

    /** Stops the server, keeping its data, to let tests simulate an outage. */
    void stop();

    /** A server someone else runs (environment variable, container): it is not ours to stop. */
    static Elasticsearch external(String commaSeparatedUris) {
        List<URI> all = Arrays.stream(commaSeparatedUris.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(URI::create).toList();
        return new Elasticsearch() {
            @Override
            public URI uri() {
                return all.get(0);
            }

            @Override
            public List<URI> uris() {
                return all;
            }

            @Override
            public void start() {
                throw new UnsupportedOperationException("Elasticsearch at " + all + " is not managed by the tests");
            }

            @Override
            public void stop() {
                throw new UnsupportedOperationException("Elasticsearch at " + all + " is not managed by the tests");
            }
        };
    }
}
