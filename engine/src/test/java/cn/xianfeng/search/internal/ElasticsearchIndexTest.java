package cn.xianfeng.search.internal;

import cn.xianfeng.testing.RealServices;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;

/** The search contract against a real Elasticsearch 8.19. */
class ElasticsearchIndexTest extends SearchIndexContract {

    static RestClient rest;
    static ElasticsearchIndex index;

    @BeforeAll
    static void connect() {
        rest = RestClient.builder(HttpHost.create(RealServices.elasticsearch().uri().toString())).build();
        index = new ElasticsearchIndex(new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper())),
                "contract-" + ProcessHandle.current().pid());
    }

    @AfterAll
    static void close() throws IOException {
        rest.close();
    }

    @Override
    SearchIndex index() {
        return index;
    }
}
