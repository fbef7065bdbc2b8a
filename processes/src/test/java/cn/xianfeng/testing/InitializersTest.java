package cn.xianfeng.testing;

import cn.xianfeng.testing.RealServices.Database;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** The initializers as other modules use them, on a plain Spring context (no Boot auto-configuration needed); the one
 * with Elasticsearch is tested in engine (ElasticsearchInitializerTest), which starts Elasticsearch anyway. */
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

    static void assertConnects(Environment env) throws SQLException {
        Database db = new Database(env.getRequiredProperty("spring.datasource.url"),
                env.getRequiredProperty("spring.datasource.username"),
                env.getRequiredProperty("spring.datasource.password"));
        try (Connection c = FreshDatabaseTest.connect(db)) {
            assertThat(c.isValid(5)).isTrue();
            assertThat(c.getCatalog()).startsWith("xf_");
        }
    }
}
