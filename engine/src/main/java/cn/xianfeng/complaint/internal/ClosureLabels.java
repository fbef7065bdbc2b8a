package cn.xianfeng.complaint.internal;

import cn.xianfeng.workflow.FieldType;
import cn.xianfeng.workflow.FormDefinition;
import cn.xianfeng.workflow.FormField;
import cn.xianfeng.workflow.FormOption;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a handling step recorded, as the closure report prints it: each field under its label, choices by their
 * label, orgs by name; never a code. The complaint's own fields, repeated on every step's form, are left out.
 */
public final class ClosureLabels {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    private static final Set<String> REPEATED = Set.of("category", "title", "content", "location", "contactMasked",
            "anonymous", "routeOrgType");

    private ClosureLabels() {
    }

    /** The label of a choice value of {@code fieldId} in {@code form}; "—" for a value the form does not offer. */
    public static String choice(FormDefinition form, String fieldId, String value) {
        FormField field = form == null ? null : form.field(fieldId).orElse(null);
        if (field != null) {
            for (FormOption o : field.options()) {
                if (o.value().equals(value)) {
                    return o.label().in(ZH);
                }
            }
        }
        return "—";
    }

    public static String summary(FormDefinition form, Map<String, Object> data, Function<String, String> orgName) {
        if (data == null || form == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (FormField f : form.fields()) {
            Object v = data.get(f.id());
            if (REPEATED.contains(f.id()) || v == null || v instanceof String s && s.isBlank()
                    || v instanceof Collection<?> c && c.isEmpty()) {
                continue;
            }
            String text;
            if (f.type() == FieldType.CHOICE) {
                text = choice(form, f.id(), String.valueOf(v));
            } else if (f.id().toLowerCase(Locale.ROOT).contains("org")) {
                text = v instanceof Collection<?> c ? String.join("、", c.stream().map(x -> orgName.apply(String.valueOf(x))).toList())
                        : orgName.apply(String.valueOf(v));
            } else if (v instanceof Boolean b) {
                text = b ? "是" : "否";
            } else {
                text = String.valueOf(v);
            }
            parts.add(f.label(ZH) + "：" + text);
        }
        return String.join("；", parts);
    }
}
