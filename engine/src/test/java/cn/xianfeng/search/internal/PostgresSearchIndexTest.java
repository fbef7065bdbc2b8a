package cn.xianfeng.search.internal;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/** The same contract against the PostgreSQL fallback, on the engine's real schema. */
@SpringBootTest
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class PostgresSearchIndexTest extends SearchIndexContract {

    @Autowired
    JdbcClient jdbc;

    @Override
    SearchIndex index() {
        return new PostgresSearchIndex(jdbc);
    }
}
