package cn.xianfeng.workflow;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/** A text in Simplified Chinese (the default) and English. */
public record LocalizedText(@JsonProperty("zh-CN") String zh, @JsonProperty("en") String en) {

    /** English when the locale's language is {@code en}, Chinese otherwise (also for a null locale). */
    public String in(Locale locale) {
        return isEnglish(locale) ? en : zh;
    }

    static boolean isEnglish(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}
