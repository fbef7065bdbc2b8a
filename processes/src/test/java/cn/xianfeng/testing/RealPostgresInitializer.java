package cn.xianfeng.testing;

import cn.xianfeng.testing.RealServices.Database;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives each application context a fresh database on the shared PostgreSQL server, and nothing else, for contexts
 * that do not need search (starting Elasticsearch costs 10-20 s).
 * Use: {@code @SpringBootTest @ContextConfiguration(initializers = RealPostgresInitializer.class)}.
 */
public class RealPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        // addFirst: beats application.yml and friends, so tests can never reach a configured "real" server
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource(getClass().getSimpleName(), properties()));
    }

    protected Map<String, Object> properties() {
        Database db = RealServices.freshDatabase();
        Map<String, Object> p = new HashMap<>();
        p.put("spring.datasource.url", db.jdbcUrl());
        p.put("spring.datasource.username", db.username());
        p.put("spring.datasource.password", db.password());
        // The embedded server may stop before Spring closes at JVM exit; fail fast instead of waiting 30 s per try
        p.put("spring.datasource.hikari.connection-timeout", "2000");
        return p;
    }
}
