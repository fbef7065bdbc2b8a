package cn.xianfeng.workflow;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Names of processes, stages and steps in the reader's language. The BPMN models name them in Chinese; English names
 * come from {@code messages/process-names_en.properties}, keyed by the model's name (as gettext keys by source text).
 */
public final class ProcessNames {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private ProcessNames() {
    }

    /** The model's name in English for an English locale (as is where no translation exists), as is otherwise. */
    public static String in(String name, Locale locale) {
        if (name == null || locale == null || !"en".equals(locale.getLanguage())) {
            return name;
        }
        try {
            return ResourceBundle.getBundle("messages/process-names", Locale.ENGLISH, ProcessNames.class.getClassLoader(),
                    NO_FALLBACK).getString(name);
        } catch (MissingResourceException e) {
            return name;
        }
    }
}
