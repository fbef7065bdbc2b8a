package cn.xianfeng.workflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormRegistryTest {

    @Test
    void loadsTheRealFormsFromTheClasspath() {
        FormRegistry registry = new FormRegistry(new DefaultResourceLoader());

        assertThat(registry.has("report-review")).isTrue();
        assertThat(registry.all()).extracting(FormDefinition::key)
                .contains("report-start", "report-review", "report-archive");
        FormDefinition review = registry.get("report-review");
        assertThat(review.title().in(Locale.SIMPLIFIED_CHINESE)).isEqualTo("审核情况报告");
        assertThat(review.field("reason").orElseThrow().visibleWhen().holds(Map.of("decision", "REJECT"))).isTrue();
        assertThat(registry.has("nope")).isFalse();
        assertThatThrownBy(() -> registry.get("nope")).isInstanceOf(UnknownFormException.class).hasMessageContaining("nope");
    }

    @Test
    void theRealFormsValidateTypicalSubmissions() {
        FormRegistry registry = new FormRegistry(new DefaultResourceLoader());
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
        FormValidator validator = FormValidator.of(new FormReferenceChecker() {
            public boolean personExists(String username) {
                return true;
            }

            public boolean attachmentExists(String attachmentId) {
                return attachmentId.startsWith("att-");
            }
        }, clock);

        assertThat(validator.validate(registry.get("report-start"), Map.of("title", "村务情况", "content", "内容",
                "reportDate", "2026-03-01", "attachments", java.util.List.of("att-1")), Locale.CHINA).valid()).isTrue();
        assertThat(validator.validate(registry.get("report-start"), Map.of("title", "x", "content", "y",
                "reportDate", "2026-03-02"), Locale.CHINA).errors()).containsExactly(new FieldError("reportDate", "不能晚于 2026-03-01"));
        assertThat(validator.validate(registry.get("report-archive"), Map.of("archiveNo", "da-1"), Locale.ENGLISH).errors())
                .containsExactly(new FieldError("archiveNo", "3 to 30 capital letters, digits or hyphens"));
        assertThat(validator.validate(registry.get("report-review"), Map.of("decision", "REJECT"), Locale.CHINA).errors())
                .containsExactly(new FieldError("reason", "必填"));
    }

    @Test
    void wiresAsSpringBeansAndFindsTheCheckerThroughTheContext() {
        try (var context = new org.springframework.context.annotation.AnnotationConfigApplicationContext()) {
            context.register(FormRegistry.class, FormConfiguration.class);
            context.refresh();
            FormValidator validator = context.getBean(FormValidator.class);
            FormDefinition start = context.getBean(FormRegistry.class).get("report-start");
            assertThat(validator.validate(start, Map.of("attachments", java.util.List.of("att-1")), Locale.CHINA).errors())
                    .contains(new FieldError("attachments", "第 1 项：无法核验（未配置核验服务）"));
        }
        try (var context = new org.springframework.context.annotation.AnnotationConfigApplicationContext()) {
            context.register(FormRegistry.class, FormConfiguration.class);
            context.registerBean(FormReferenceChecker.class, () -> new FormReferenceChecker() {
                public boolean personExists(String username) {
                    return false;
                }

                public boolean attachmentExists(String attachmentId) {
                    return true;
                }
            });
            context.refresh();
            FormDefinition start = context.getBean(FormRegistry.class).get("report-start");
            assertThat(context.getBean(FormValidator.class).validate(start, Map.of("title", "t", "content", "c",
                    "reportDate", "2020-01-01", "attachments", java.util.List.of("att-1")), Locale.CHINA).valid()).isTrue();
        }
    }

    @Test
    void anInvalidFileStopsStartupNamingTheFileAndProblem(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("forms"));
        Files.writeString(dir.resolve("forms/broken.form.json"),
                "{\"key\": \"other\", \"title\": {\"zh-CN\": \"标题\", \"en\": \"T\"}, \"fields\": [{\"id\": \"a\", \"type\": \"colour\"}]}");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> new FormRegistry(new DefaultResourceLoader(loader)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("broken.form.json")
                    .hasMessageContaining("key 'other' must equal the file name 'broken'")
                    .hasMessageContaining("unknown type 'colour'")
                    .hasMessageContaining("'label' is required");
        }
    }
}
