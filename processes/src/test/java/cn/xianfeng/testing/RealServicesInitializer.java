package cn.xianfeng.testing;

import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A fresh database (see {@link RealPostgresInitializer}) plus the JVM's shared Elasticsearch.
 * Use: {@code @SpringBootTest @ContextConfiguration(initializers = RealServicesInitializer.class)}.
 */
public class RealServicesInitializer extends RealPostgresInitializer {

    @Override
    protected Map<String, Object> properties() {
        Map<String, Object> p = super.properties();
        p.put("xianfeng.elasticsearch.uris", RealServices.elasticsearch().uris().stream()
                .map(URI::toString).collect(Collectors.joining(",")));
        return p;
    }
}
