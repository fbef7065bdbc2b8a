package cn.xianfeng.workflow;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The field types of a form definition; the JSON name is the lower-case constant name. */
public enum FieldType {
    TEXT, TEXTAREA, NUMBER, DATE, MONTH, DATETIME, CHOICE, BOOLEAN, PERSON, ORG, ATTACHMENT, LIST, GROUP;

    /** A reference to a person or an org: picked by name on a page, submitted as its username or code. */
    public boolean isReference() {
        return this == PERSON || this == ORG;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FieldType> fromJson(String name) {
        return Arrays.stream(values()).filter(t -> t.json().equals(name)).findFirst();
    }
}
