package cn.xianfeng.portal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Chinese is the default and English is complete: both files have the same keys, and every key a page names exists. */
class MessagesTest {

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(MessagesTest.class.getResourceAsStream("/" + name), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void englishHasEveryChineseKeyAndNoOther() throws IOException {
        Set<String> zh = new TreeSet<>(load("messages.properties").stringPropertyNames());
        Set<String> en = new TreeSet<>(load("messages_en.properties").stringPropertyNames());
        Set<String> missingInEnglish = new TreeSet<>(zh);
        missingInEnglish.removeAll(en);
        Set<String> onlyInEnglish = new TreeSet<>(en);
        onlyInEnglish.removeAll(zh);
        assertThat(missingInEnglish).as("keys without English").isEmpty();
        assertThat(onlyInEnglish).as("English keys without Chinese").isEmpty();
        assertThat(zh).hasSizeGreaterThan(100);
    }

    @Test
    void everyLiteralKeyInTheTemplatesExists() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        Pattern literal = Pattern.compile("#\\{([a-zA-Z][a-zA-Z0-9_.]*)(\\(|})");
        Set<String> missing = new HashSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) {
                    if (!keys.contains(m.group(1))) {
                        missing.add(f.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
