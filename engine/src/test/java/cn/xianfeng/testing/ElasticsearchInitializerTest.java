package cn.xianfeng.testing;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RealServicesInitializer} on a plain Spring context. It lives here, not beside the harness in processes, so
 * that a test run starts Elasticsearch once per module that needs it (processes does not).
 */
@SpringJUnitConfig(classes = ElasticsearchInitializerTest.Empty.class, initializers = RealServicesInitializer.class)
class ElasticsearchInitializerTest {

    @Configuration
    static class Empty {
    }

    @Autowired
    Environment env;

    @Test
    void providesAWorkingDatabaseAndElasticsearch() throws Exception {
        InitializersTest.assertConnects(env);
        String uris = env.getRequiredProperty("xianfeng.elasticsearch.uris");
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(uris.split(",")[0]).resolve("/_cluster/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }
}
