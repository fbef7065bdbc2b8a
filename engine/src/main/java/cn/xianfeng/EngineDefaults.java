package cn.xianfeng;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Adds the engine's own settings (Flowable, Flyway, event registry) as the lowest-precedence source,
 * so the portal and the engine's tests run the engine the same way and either can override a value.
 */
class EngineDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(
                    new ResourcePropertySource("xianfengEngineDefaults", new ClassPathResource("xianfeng-engine.properties")));
            // the default node id (xianfeng.node-id) is this host's name and the server's port
            environment.getPropertySources().addLast(new org.springframework.core.env.MapPropertySource(
                    "xianfengNodeHost", java.util.Map.of("xianfeng.node-host", hostName())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
