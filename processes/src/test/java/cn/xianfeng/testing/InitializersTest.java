package cn.xianfeng.testing;

import cn.xianfeng.testing.RealServices.Database;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** The initializers as other modules use them, on a plain Spring context (no Boot auto-configuration needed). */
class InitializersTest {

    @Configuration
    static class Empty {
    }

    @Nested
    @SpringJUnitConfig(classes = Empty.class, initializers = RealPostgresInitializer.class)
    class PostgresOnly {

        @Autowired
        Environment env;

        @Test
        void providesAWorkingDatabaseAndNoElasticsearch() throws SQLException {
            assertConnects(env);
            assertThat(env.getProperty("xianfeng.elasticsearch.uris")).isNull();
        }
    }

    @Nested
    @SpringJUnitConfig(classes = Empty.class, initializers = RealServicesInitializer.class)
    class PostgresAndElasticsearch {

        @Autowired
        Environment env;

        @Test
        void providesAWorkingDatabaseAndElasticsearch() throws Exception {
            assertConnects(env);
            String uris = env.getRequiredProperty("xianfeng.elasticsearch.uris");
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(uris.split(",")[0]).resolve("/_cluster/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    private static void assertConnects(Environment env) throws SQLException {
        Database db = new Database(env.getRequiredProperty("spring.datasource.url"),
                env.getRequiredProperty("spring.datasource.username"),
                env.getRequiredProperty("spring.datasource.password"));
        try (Connection c = FreshDatabaseTest.connect(db)) {
            assertThat(c.isValid(5)).isTrue();
            assertThat(c.getCatalog()).startsWith("xf_");
        }
    }
}
