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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
