package cn.xianfeng.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Locale;

/**
 * One field of a form. {@code min}/{@code max} are kept as written: a decimal number for {@code number},
 * {@code yyyy-MM-dd} or {@code today} for {@code date}. {@code item} is the element spec of a {@code list}
 * (it has no id). {@code minItems}/{@code maxItems} apply to a {@code list} or a multiple {@code choice}.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record FormField(
        String id,
        FieldType type,
        LocalizedText label,
        LocalizedText help,
        LocalizedText placeholder,
        boolean required,
        Condition requiredWhen,
        Condition visibleWhen,
        boolean readOnly,
        Integer minLength,
        Integer maxLength,
        String pattern,
        LocalizedText patternMessage,
        String min,
        String max,
        boolean integer,
        List<FormOption> options,
        boolean multiple,
        FormField item,
        Integer minItems,
        Integer maxItems) {

    /** Default maximum length of a {@code text} value, and of a {@code textarea} value. */
    public static final int TEXT_MAX_LENGTH = 2000;
    public static final int TEXTAREA_MAX_LENGTH = 10000;
    /** Maximum length of a person or attachment reference. */
    public static final int REFERENCE_MAX_LENGTH = 200;

    public FormField {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public String label(Locale locale) {
        return label == null ? id : label.in(locale);
    }

    /** The maximum length applied by the validator: the declared one or the type's default. */
    public int effectiveMaxLength() {
        if (maxLength != null) {
            return maxLength;
        }
        return switch (type) {
            case TEXTAREA -> TEXTAREA_MAX_LENGTH;
            case PERSON, ATTACHMENT -> REFERENCE_MAX_LENGTH;
            default -> TEXT_MAX_LENGTH;
        };
    }
}
