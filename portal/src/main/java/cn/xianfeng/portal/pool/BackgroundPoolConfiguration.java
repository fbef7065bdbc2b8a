package cn.xianfeng.portal.pool;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

import java.util.Arrays;
import java.util.List;

/**
 * Puts {@link BackgroundPool} in front of the application's Hikari {@code DataSource} (the embedded one or Boot's
 * from {@code spring.datasource.*}). {@code xianfeng.datasource.background.maximum-pool-size} (default 6) sizes the
 * background pool; {@code xianfeng.datasource.background.threads} lists the thread-name prefixes it serves: Spring's
 * task executor ({@code task-}: after-commit {@code @ApplicationModuleListener}s and the indexer they feed), its
 * job scheduler ({@code scheduling-}: the scheduled jobs, set by the cluster module's {@code JobScheduler}),
 * Flowable's async executor ({@code flowable-}) and the cluster locks' keep-alive thread
 * ({@code cluster-lock-keepalive}).
 */
@Configuration(proxyBeanMethods = false)
class BackgroundPoolConfiguration {

    @Bean
    static BeanPostProcessor backgroundPool(Environment env) {
        return new Wrapper(env);
    }

    /** Before any other post-processor, so that whatever else wraps the data source wraps both pools. */
    private static final class Wrapper implements BeanPostProcessor, PriorityOrdered {

        private final Environment env;

        Wrapper(Environment env) {
            this.env = env;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            if (!(bean instanceof HikariDataSource main) || !"dataSource".equals(name)) {
                return bean;
            }
            int size = env.getProperty("xianfeng.datasource.background.maximum-pool-size", Integer.class, 6);
            if (size < 1) {
                throw new IllegalArgumentException("xianfeng.datasource.background.maximum-pool-size must be at least 1");
            }
            List<String> threads = Arrays.stream(env.getProperty("xianfeng.datasource.background.threads",
                    "task-,scheduling-,flowable-,cluster-lock-keepalive").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            return new BackgroundPool(main, size, threads);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
