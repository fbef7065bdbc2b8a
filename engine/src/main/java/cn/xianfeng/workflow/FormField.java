package cn.xianfeng.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Locale;

/**
 * One field of a form. {@code min}/{@code max} are kept as written: a decimal number for {@code number},
 * {@code yyyy-MM-dd} or {@code today} for {@code date}. {@code item} is the element spec of a {@code list}
 * (it has no id). {@code minItems}/{@code maxItems} apply to a {@code list}, a {@code group} or a multiple
 * {@code choice}. {@code fields} are the columns of a {@code group}'s rows. {@code orgTypes} and {@code scope}
 * narrow an {@code org} field; {@code prefill} lets a task form start from the value the case already holds.
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
        Integer maxItems,
        List<FormField> fields,
        List<String> orgTypes,
        String scope,
        boolean prefill) {

    /** Default maximum length of a {@code text} value, and of a {@code textarea} value. */
    public static final int TEXT_MAX_LENGTH = 2000;
    public static final int TEXTAREA_MAX_LENGTH = 10000;
    /** Maximum length of a person or attachment reference. */
    public static final int REFERENCE_MAX_LENGTH = 200;
    /** Rows of a {@code group} without its own {@code maxItems}: a form is filled by hand, never by the thousand. */
    public static final int GROUP_MAX_ROWS = 100;
    /** {@code scope} of an org field whose picker and check cover every org of its types, not only the viewer's. */
    public static final String SCOPE_ALL = "all";

    public FormField {
        options = options == null ? List.of() : List.copyOf(options);
        fields = fields == null ? List.of() : List.copyOf(fields);
        orgTypes = orgTypes == null ? List.of() : List.copyOf(orgTypes);
    }

    /** The maximum number of rows of a group, elements of a list or choices of a multiple choice (null: none). */
    public Integer effectiveMaxItems() {
        return type == FieldType.GROUP && maxItems == null ? Integer.valueOf(GROUP_MAX_ROWS) : maxItems;
    }

    /** The column of a group with this id. */
    public java.util.Optional<FormField> column(String columnId) {
        return fields.stream().filter(f -> f.id().equals(columnId)).findFirst();
    }

    /** The type of a single value: the item's type for a list, else the field's own. */
    public FieldType valueType() {
        return type == FieldType.LIST && item != null ? item.type() : type;
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
            case PERSON, ORG, ATTACHMENT -> REFERENCE_MAX_LENGTH;
            default -> TEXT_MAX_LENGTH;
        };
    }
}
