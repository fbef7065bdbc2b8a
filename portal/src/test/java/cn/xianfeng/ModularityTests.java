package cn.xianfeng;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

    static final ApplicationModules modules = ApplicationModules.of(XianfengApplication.class);

    @Test
    void modulesOnlyTalkThroughTheirApisAndHaveNoCycles() {
        modules.verify();
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("org", "workflow", "audit", "evidence", "search", "portal");
    }

    @Test
    void writesModuleDocumentation() throws Exception {
        new Documenter(modules).writeDocumentation();
        assertThat(Files.list(Path.of("target/spring-modulith-docs")).map(p -> p.getFileName().toString()))
                .contains("components.puml");
    }
}
