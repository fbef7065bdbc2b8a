package cn.xianfeng.dossier.internal;

import cn.xianfeng.workflow.FieldType;
import cn.xianfeng.workflow.FormDefinition;
import cn.xianfeng.workflow.FormField;
import cn.xianfeng.workflow.FormOption;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Recorded values as a reader of the dossier sees them: field and option labels in Chinese, people and orgs by
 * name, attachments by file name, actions and common codes by label. No internal code (enum constant, step id,
 * attachment id, org code) is printed: a value the dossier cannot label is left out of the form data (the audit
 * section keeps every event with its hash).
 */
final class Labels {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    /** Codes that appear in recorded data outside a form's options. */
    private static final Map<String, String> VALUES = Map.ofEntries(Map.entry("APPROVE", "同意"),
            Map.entry("REJECT", "不同意"), Map.entry("ON_TIME", "按期转正"), Map.entry("EXTEND", "延长预备期"),
            Map.entry("CANCEL", "取消预备党员资格"), Map.entry("SATISFIED", "满意"), Map.entry("BASICALLY_SATISFIED", "基本满意"),
            Map.entry("DISSATISFIED", "不满意"), Map.entry("WITHIN_COMMITTEE", "同一党委内"),
            Map.entry("WITHIN_PROVINCE", "本省内其他党委"), Map.entry("OUTSIDE_XIANFENG", "转出本系统"));
    /** Keys recorded outside a form that a reader should still see. */
    private static final Map<String, String> KEYS = Map.ofEntries(Map.entry("decision", "决定"), Map.entry("reason", "理由"),
            Map.entry("duesPaidUntil", "党费交至"), Map.entry("letterSerial", "介绍信编号"),
            Map.entry("letterValidUntil", "介绍信有效期至"), Map.entry("letterCode", "介绍信验证码"),
            Map.entry("toOrgCode", "转入党组织"), Map.entry("fromOrgCode", "转出党组织"), Map.entry("orgCode", "组织"),
            Map.entry("moveKind", "转接类型"), Map.entry("member", "党员"));

    private final Function<String, String> person;
    private final Function<String, String> org;
    private final Function<String, String> attachment;

    /** Each resolver answers a name, or null when it does not know the value. */
    Labels(Function<String, String> person, Function<String, String> org, Function<String, String> attachment) {
        this.person = person;
        this.org = org;
        this.attachment = attachment;
    }

    static String action(String action) {
        return cn.xianfeng.audit.AuditAction.labelOf(action, ZH);
    }

    /** Label–value pairs in the form's field order, then known keys the form does not describe. */
    List<String[]> facts(FormDefinition form, Map<String, Object> data) {
        List<String[]> pairs = new ArrayList<>();
        List<String> described = new ArrayList<>();
        if (form != null) {
            for (FormField f : form.fields()) {
                described.add(f.id());
                String v = data.containsKey(f.id()) && !empty(data.get(f.id())) ? value(form, f.id(), data.get(f.id())) : null;
                if (v != null && !v.isEmpty()) {
                    pairs.add(new String[]{f.label(ZH), v});
                }
            }
        }
        data.forEach((k, v) -> {
            if (!described.contains(k) && KEYS.containsKey(k) && !empty(v)) {
                String text = value(null, k, v);
                if (!text.isEmpty()) {
                    pairs.add(new String[]{KEYS.get(k), text});
                }
            }
        });
        return pairs;
    }

    String value(FormDefinition form, String fieldId, Object value) {
        FormField field = form == null ? null : form.field(fieldId).orElse(null);
        if (field != null && field.type() == FieldType.GROUP && value instanceof Collection<?> rows) {
            return rows.stream().map(r -> row(field, r)).filter(s -> !s.isEmpty()).collect(Collectors.joining("；"));
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(v -> value(form, fieldId, v)).filter(s -> !s.isEmpty()).collect(Collectors.joining("、"));
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().filter(e -> KEYS.containsKey(String.valueOf(e.getKey())))
                    .map(e -> KEYS.get(String.valueOf(e.getKey())) + "：" + value(null, String.valueOf(e.getKey()), e.getValue()))
                    .collect(Collectors.joining("；"));
        }
        if (value instanceof Boolean b) {
            return b ? "是" : "否";
        }
        String text = String.valueOf(value);
        if (field != null && field.type() == FieldType.CHOICE) {
            for (FormOption o : field.options()) {
                if (Objects.equals(o.value(), text)) {
                    return o.label().in(ZH);
                }
            }
        }
        FieldType type = field == null ? null : field.type();
        if (type == FieldType.PERSON || "member".equals(fieldId)) {
            return orElse(person.apply(text), text);
        }
        if (type == FieldType.ATTACHMENT || text.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            return orElse(attachment.apply(text), "（附件）");
        }
        if (type == FieldType.ORG || field != null && field.item() != null && field.item().type() == FieldType.ORG
                || fieldId.toLowerCase(Locale.ROOT).endsWith("orgcode") || fieldId.toLowerCase(Locale.ROOT).endsWith("org")) {
            String name = org.apply(text);
            if (name != null) {
                return name;
            }
        }
        if (text.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+|[A-Z]{3,}")) {
            return VALUES.getOrDefault(text, "");
        }
        return text;
    }

    /** A group's row: each column's label and value, in the columns' order ("决议内容：…，赞成：5"). */
    private String row(FormField group, Object row) {
        if (!(row instanceof Map<?, ?> cells)) {
            return "";
        }
        FormDefinition columns = new FormDefinition(group.id(), group.label(), group.fields());
        return group.fields().stream().filter(c -> cells.get(c.id()) != null && !empty(cells.get(c.id())))
                .map(c -> c.label(ZH) + "：" + value(columns, c.id(), cells.get(c.id())))
                .collect(Collectors.joining("，"));
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static boolean empty(Object v) {
        return v == null || v instanceof String s && s.isBlank() || v instanceof Collection<?> c && c.isEmpty();
    }
}
