package cn.xianfeng.common;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Refusals come from bundles: every key the engine's code names exists in Chinese and English, the English has no
 * Chinese left in it, and an exception made from a refusal answers in the reader's language.
 */
class RefusalBundlesTest {

    private static final Pattern USE = Pattern.compile("Refusal\\.of\\(\"([\\w.]+)\"[,)]");

    @Test
    void everyKeyUsedInTheCodeHasAChineseAndAnEnglishText() throws IOException {
        Properties zh = load("/messages/refusals.properties");
        Properties en = load("/messages/refusals_en.properties");
        assertThat(en.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(zh.stringPropertyNames());
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = USE.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).as("keys used in the engine").hasSizeGreaterThan(100);
        assertThat(zh.stringPropertyNames()).containsAll(used);
        for (String key : zh.stringPropertyNames()) {
            assertThat(zh.getProperty(key)).as(key + " zh").matches("(?s).*\\p{IsHan}.*");
            assertThat(en.getProperty(key)).as(key + " en").isNotBlank().doesNotContainPattern("\\p{IsHan}");
        }
    }

    /**
     * Both bundles hold the same keys, and each English text takes the same arguments as its Chinese one: an argument
     * the English forgets would vanish, one it adds would print as {@code {1}}. Every argument reaches the text (an
     * unescaped apostrophe in a pattern would swallow it).
     */
    @Test
    void bothBundlesHoldTheSameKeysWithTheSameArguments() throws IOException {
        Properties zh = load("/messages/refusals.properties");
        Properties en = load("/messages/refusals_en.properties");
        assertThat(en.stringPropertyNames()).as("keys in English, not in Chinese")
                .isSubsetOf(zh.stringPropertyNames());
        assertThat(zh.stringPropertyNames()).as("keys in Chinese, not in English")
                .isSubsetOf(en.stringPropertyNames());
        for (String key : zh.stringPropertyNames()) {
            int args = arguments(zh.getProperty(key));
            assertThat(arguments(en.getProperty(key))).as(key + " arguments in English").isEqualTo(args);
            if (args > 0) {
                Object[] marks = java.util.stream.IntStream.range(0, args).mapToObj(i -> "\u00a7" + i + "\u00a7").toArray();
                for (Locale locale : List.of(Locale.ROOT, Locale.ENGLISH)) {
                    String text = new Refusal(key, marks).in(locale);
                    for (Object mark : marks) {
                        assertThat(text).as(key + " in " + locale + " shows argument " + mark).contains((String) mark);
                    }
                }
            }
        }
    }

    @Test
    void aLabelPassedAsAnArgumentIsWrittenInTheReadersLanguage() {
        ConflictException e = new ConflictException(Refusal.of("admission.applicantsOnly", "张三",
                Refusal.of("label.status.ACTIVIST")));
        assertThat(e.getMessage()).isEqualTo("只有入党申请人可以进入发展党员流程，张三 当前身份为 入党积极分子");
        assertThat(e.message(Locale.ENGLISH))
                .isEqualTo("Only applicants can enter the recruitment process; 张三 is currently an activist")
                .doesNotContain("ACTIVIST");
        assertThat(new TooLargeException(Refusal.of("common.fileTooLarge", "10")).message(Locale.ENGLISH))
                .isEqualTo("The file is too large: at most 10 MB");
    }

    private static int arguments(String pattern) {
        return new java.text.MessageFormat(pattern).getFormatsByArgumentIndex().length;
    }

    @Test
    void anExceptionMadeFromARefusalAnswersInTheReadersLanguage() {
        ForbiddenException e = new ForbiddenException(Refusal.of("workflow.notYourTask"));
        assertThat(e.getMessage()).as("logs and the default stay Chinese").isEqualTo("您不是该任务的办理人");
        assertThat(e.message(Locale.ENGLISH)).isEqualTo("You are not this task's assignee");
        assertThat(e.message(Locale.forLanguageTag("zh-CN"))).isEqualTo("您不是该任务的办理人");
        InvalidInputException invalid = InvalidInputException.of("reason", Refusal.of("common.max500"));
        assertThat(invalid.violations().get(0).message()).isEqualTo("至多 500 字");
        assertThat(invalid.violations().get(0).message(Locale.US)).isEqualTo("At most 500 characters");
        assertThat(new ConflictException("仅中文").message(Locale.ENGLISH)).as("not yet in a bundle").isEqualTo("仅中文");
        assertThatThrownBy(() -> Refusal.of("no.such.key")).isInstanceOf(java.util.MissingResourceException.class);
    }

    private static Properties load(String file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = RefusalBundlesTest.class.getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
