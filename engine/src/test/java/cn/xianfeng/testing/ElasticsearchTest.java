package cn.xianfeng.testing;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ElasticsearchTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Elasticsearch es = RealServices.elasticsearch();

    @Test
    void indexesADocumentAndFindsItWithAMatchQuery() throws Exception {
        send("PUT", "/minutes-match/_doc/m1?refresh=true", "{\"title\":\"第一支部 换届 选举 大会\"}");

        String found = search("minutes-match", "选举");
        assertThat(JsonPath.<Integer>read(found, "$.hits.total.value")).isEqualTo(1);
        assertThat(JsonPath.<String>read(found, "$.hits.hits[0]._id")).isEqualTo("m1");

        String notFound = search("minutes-match", "预算");
        assertThat(JsonPath.<Integer>read(notFound, "$.hits.total.value")).isZero();
    }

    @Test
    void keepsDocumentsAcrossStopAndStart() throws Exception {
        assumeTrue(es instanceof LocalElasticsearch, "only the self-started server can be stopped");
        URI before = es.uri();
        send("PUT", "/minutes-restart/_doc/r1?refresh=true", "{\"title\":\"党员 发展 公示\"}");

        es.stop();
        assertThatThrownBy(() -> send("GET", "/_cluster/health", null)).isInstanceOf(IOException.class);

        es.start();
        assertThat(es.uri()).isEqualTo(before);
        String found = search("minutes-restart", "公示");
        assertThat(JsonPath.<Integer>read(found, "$.hits.total.value")).isEqualTo(1);
        assertThat(JsonPath.<String>read(found, "$.hits.hits[0]._source.title")).isEqualTo("党员 发展 公示");
    }

    private String search(String index, String word) throws Exception {
        return send("POST", "/" + index + "/_search", "{\"query\":{\"match\":{\"title\":\"" + word + "\"}}}");
    }

    private String send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(es.uri().resolve(path)).timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return response.body();
    }
}
