package cn.xianfeng.search.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Arrays;

/** Elasticsearch when {@code xianfeng.elasticsearch.uris} is set; otherwise the PostgreSQL fallback. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean(destroyMethod = "")
    SearchIndex searchIndex(@Value("${xianfeng.elasticsearch.uris:}") String uris,
                            @Value("${xianfeng.elasticsearch.index:xianfeng-events}") String index,
                            @Value("${xianfeng.elasticsearch.refresh-interval:" + ElasticsearchIndex.REFRESH_INTERVAL + "}")
                            String refreshInterval, JdbcClient jdbc) {
        if (uris.isBlank()) {
            return new PostgresSearchIndex(jdbc);
        }
        HttpHost[] hosts = Arrays.stream(uris.split(",")).map(String::strip).map(HttpHost::create).toArray(HttpHost[]::new);
        RestClient rest = RestClient.builder(hosts).build();
        return new ElasticsearchIndex(new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper())), index,
                refreshInterval);
    }
}
