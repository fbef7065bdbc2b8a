package cn.xianfeng.common;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A refusal's words by key, from {@code messages/refusals.properties} (zh-CN, the default) and
 * {@code messages/refusals_en.properties}, so the API and pages answer in the reader's language. Arguments are
 * formatted as given: pass text, not numbers, to avoid grouping separators. An argument that is itself a refusal (a
 * label such as {@code label.status.FULL}) is written in the same language, so no enum constant reaches a reader.
 */
public record Refusal(String key, Object... args) {

    private static final String BUNDLE = "messages/refusals";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public Refusal {
        args = args == null ? new Object[0] : args.clone();
        bundle(Locale.ROOT).getString(key); // an unknown key fails where it is written, not when a person reads it
    }

    public static Refusal of(String key, Object... args) {
        return new Refusal(key, args);
    }

    /** The text in English for an English locale, in Chinese otherwise. */
    public String in(Locale locale) {
        boolean english = locale != null && "en".equals(locale.getLanguage());
        String pattern = bundle(english ? Locale.ENGLISH : Locale.ROOT).getString(key);
        if (args.length == 0) {
            return pattern;
        }
        Object[] words = Arrays.stream(args).map(a -> a instanceof Refusal label ? label.in(locale) : a).toArray();
        return new MessageFormat(pattern, english ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE).format(words);
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, Refusal.class.getClassLoader(), NO_FALLBACK);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Refusal r && key.equals(r.key) && Arrays.equals(args, r.args);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(args);
    }

    @Override
    public String toString() {
        return in(Locale.ROOT);
    }
}
