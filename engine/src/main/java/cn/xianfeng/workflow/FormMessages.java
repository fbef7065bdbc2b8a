package cn.xianfeng.workflow;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The validator's messages, from {@code messages/forms_zh_CN.properties} and {@code messages/forms_en.properties}. */
final class FormMessages {

    private static final String BUNDLE = "messages/forms";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    // one of each, loaded once: every validation of every step asks for one
    private static final FormMessages CHINESE = new FormMessages(Locale.SIMPLIFIED_CHINESE);
    private static final FormMessages ENGLISH = new FormMessages(Locale.ENGLISH);

    private final Locale locale;
    private final ResourceBundle bundle;

    private FormMessages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, this.locale, FormMessages.class.getClassLoader(), NO_FALLBACK);
    }

    static FormMessages of(Locale locale) {
        return LocalizedText.isEnglish(locale) ? ENGLISH : CHINESE;
    }

    Locale locale() {
        return locale;
    }

    /** Arguments are formatted as given (pass text, not numbers, to avoid grouping separators). */
    String get(String key, Object... arguments) {
        String pattern = bundle.getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }
}
