package cn.xianfeng.portal.web;

import cn.xianfeng.audit.AuditAction;

import java.text.Collator;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The audit actions an auditor may filter by, each with its label: the whole vocabulary ({@link AuditAction}, labels
 * from its one bundle), so a new action appears in the select by itself. Read once per language.
 */
final class AuditActions {

    private static final Map<String, Map<String, String>> BY_LANGUAGE = new java.util.concurrent.ConcurrentHashMap<>();

    private AuditActions() {
    }

    /** Action code → label, ordered by label as people of the language sort them. */
    static Map<String, String> labelled(Locale locale) {
        boolean english = locale != null && "en".equals(locale.getLanguage());
        Locale language = english ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
        return BY_LANGUAGE.computeIfAbsent(language.getLanguage(), key -> {
            Collator order = Collator.getInstance(language);
            Map<String, String> out = new LinkedHashMap<>();
            Arrays.stream(AuditAction.values()).sorted(Comparator.comparing(a -> a.label(language), order))
                    .forEach(a -> out.put(a.name(), a.label(language)));
            return Collections.unmodifiableMap(out);
        });
    }
}
