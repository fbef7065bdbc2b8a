package cn.xianfeng.portal.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The audit actions an auditor may filter by, each with its label: every {@code action.*} message, so a new action
 * with a label appears in the select by itself. Read once per language.
 */
final class AuditActions {

    private static final Map<String, Map<String, String>> BY_FILE = new java.util.concurrent.ConcurrentHashMap<>();

    private AuditActions() {
    }

    /** Action code → label, ordered by label as people of the language sort them. */
    static Map<String, String> labelled(Locale locale) {
        boolean english = locale != null && "en".equals(locale.getLanguage());
        return BY_FILE.computeIfAbsent(english ? "messages_en.properties" : "messages.properties", file -> {
            Properties messages = new Properties();
            try (InputStream in = AuditActions.class.getResourceAsStream("/" + file)) {
                messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Collator order = Collator.getInstance(english ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE);
            List<String> keys = messages.stringPropertyNames().stream().filter(k -> k.startsWith("action."))
                    .sorted(Comparator.comparing(messages::getProperty, order)).toList();
            Map<String, String> out = new LinkedHashMap<>();
            keys.forEach(k -> out.put(k.substring("action.".length()), messages.getProperty(k)));
            return java.util.Collections.unmodifiableMap(out);
        });
    }
}
