package cn.xianfeng.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Real PostgreSQL and Elasticsearch for tests, one server of each per JVM, started on first use.
 *
 * <p>Each service is taken, in order, from an environment variable (a server someone already runs, e.g. in CI),
 * from Testcontainers when a Docker engine answers, or started in-process / as a child process so that tests
 * also run on machines without Docker.
 */
public final class RealServices {

    private static PostgresServer postgres;
    private static Elasticsearch elasticsearch;
    private static RuntimeException elasticsearchFailure;

    private RealServices() {
    }

    public record Database(String jdbcUrl, String username, String password) {
    }

    /** A new, empty database, so test classes never see each other's rows. */
    public static synchronized Database freshDatabase() {
        if (postgres == null) {
            postgres = PostgresServer.start();
        }
        return postgres.createDatabase();
    }

    /** The JVM's shared Elasticsearch; the first call may take ~10-20 s when it has to be started. */
    public static synchronized Elasticsearch elasticsearch() {
        if (elasticsearchFailure != null) {
            // one failed start per JVM is enough: every further test would wait for the same failure again
            throw new IllegalStateException("Elasticsearch failed to start earlier in this JVM", elasticsearchFailure);
        }
        if (elasticsearch == null) {
            try {
                elasticsearch = startElasticsearch();
            } catch (RuntimeException e) {
                elasticsearchFailure = e;
                throw e;
            }
        }
        return elasticsearch;
    }

    private static Elasticsearch startElasticsearch() {
        String uris = System.getenv("XIANFENG_TEST_ELASTICSEARCH_URIS");
        if (uris != null && !uris.isBlank()) {
            return Elasticsearch.external(uris);
        }
        String version = elasticsearchVersion();
        if (Docker.available()) {
            try {
                return Docker.elasticsearch(version);
            } catch (RuntimeException e) {
                Docker.fallingBack("Elasticsearch", e);
            }
        }
        return LocalElasticsearch.launch(ElasticsearchDistribution.home(version));
    }

    /** The server version the application is built against, filtered in from the parent pom. */
    static String elasticsearchVersion() {
        try (InputStream in = RealServices.class.getResourceAsStream("/xianfeng-testing.properties")) {
            if (in == null) {
                throw new IllegalStateException("xianfeng-testing.properties missing from the test classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("elasticsearch.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
