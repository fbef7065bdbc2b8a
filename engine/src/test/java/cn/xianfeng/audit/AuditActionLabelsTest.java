package cn.xianfeng.audit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every audit action has a Chinese and an English label, and the bundles name no action the code cannot record
 * (the drift that printed {@code TASK_COMPL / ETED} in a signed dossier: a label for {@code ATTACHMENT_STORED} while
 * the code recorded {@code ATTACHMENT_ADDED}).
 */
class AuditActionLabelsTest {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    @Test
    void everyActionHasAChineseAndAnEnglishLabel() {
        for (AuditAction a : AuditAction.values()) {
            assertThat(a.label(ZH)).as(a + " zh").isNotBlank().matches(".*\\p{IsHan}.*").doesNotContain(a.name());
            assertThat(a.label(Locale.ENGLISH)).as(a + " en").isNotBlank().doesNotContainPattern("\\p{IsHan}")
                    .doesNotContain(a.name()).isNotEqualTo(a.label(ZH));
            assertThat(AuditAction.labelOf(a.name(), Locale.forLanguageTag("zh-CN"))).isEqualTo(a.label(ZH));
        }
    }

    @Test
    void theBundlesLabelExactlyTheVocabulary() throws IOException {
        Set<String> actions = Arrays.stream(AuditAction.values()).map(a -> "action." + a.name()).collect(Collectors.toSet());
        for (String file : new String[]{"/messages/audit.properties", "/messages/audit_en.properties"}) {
            Set<String> keys = keys(file);
            keys.remove("action.other");
            assertThat(keys).as(file).containsExactlyInAnyOrderElementsOf(actions);
        }
    }

    @Test
    void anActionRecordedBeforeItWasNamedReadsAsAnotherAction() {
        assertThat(AuditAction.labelOf("ATTACHMENT_STORED", ZH)).isEqualTo("其他操作");
        assertThat(AuditAction.labelOf("ATTACHMENT_STORED", Locale.ENGLISH)).isEqualTo("other action");
        assertThat(AuditAction.labelOf(null, ZH)).isEqualTo("其他操作");
        assertThat(AuditAction.find("ATTACHMENT_STORED")).isNull();
        assertThat(AuditAction.find("TASK_RETURNED")).isEqualTo(AuditAction.TASK_RETURNED);
    }

    private static Set<String> keys(String file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = AuditActionLabelsTest.class.getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p.stringPropertyNames().stream().collect(Collectors.toSet());
    }
}
