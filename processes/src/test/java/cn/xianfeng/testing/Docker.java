package cn.xianfeng.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;

/**
 * The Testcontainers route. All Testcontainers types stay in this class: modules that use the test-jar without
 * Testcontainers on their classpath then simply see "no Docker" instead of a NoClassDefFoundError.
 */
final class Docker {

    private static Boolean available;

    private Docker() {
    }

    static synchronized boolean available() {
        if (available == null) {
            try {
                // A docker CLI without a running engine is common here; this asks the engine itself.
                available = DockerClientFactory.instance().isDockerAvailable();
            } catch (Throwable noTestcontainersOrNoEngine) {
                available = false;
            }
        }
        return available;
    }

    /** An engine that answers but cannot run containers (rootless, no cgroups) must not cost the test run. */
    static void fallingBack(String service, RuntimeException e) {
        System.getLogger(Docker.class.getName()).log(System.Logger.Level.WARNING,
                "Docker is available but " + service + " did not start in a container; starting it locally", e);
    }

    static PostgresServer postgres() {
        PostgreSQLContainer<?> c = new PostgreSQLContainer<>(DockerImageName.parse("postgres:15"));
        c.start(); // Ryuk removes the container when the JVM ends
        return new PostgresServer(c.getJdbcUrl(), c.getUsername(), c.getPassword());
    }

    static Elasticsearch elasticsearch(String version) {
        ElasticsearchContainer c = new ElasticsearchContainer(
                DockerImageName.parse("docker.elastic.co/elasticsearch/elasticsearch").withTag(version))
                .withEnv("xpack.security.enabled", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                // the container's default wait strategy expects HTTPS with the 8.x generated certificate
                .waitingFor(Wait.forHttp("/_cluster/health").forPort(9200).forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        c.start();
        return Elasticsearch.external("http://" + c.getHttpHostAddress());
    }
}
