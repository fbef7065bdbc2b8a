package cn.xianfeng.workflow.internal;

import cn.xianfeng.workflow.FieldType;
import cn.xianfeng.workflow.FormDefinition;
import cn.xianfeng.workflow.FormField;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The attachment ids a validated form names, by field: what the case must own once the form is accepted. */
public final class FormFiles {

    private FormFiles() {
    }

    public static Map<String, List<String>> of(FormDefinition form, Map<String, Object> values) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (form == null) {
            return out;
        }
        for (FormField f : form.fields()) {
            boolean files = f.type() == FieldType.ATTACHMENT
                    || (f.type() == FieldType.LIST && f.item() != null && f.item().type() == FieldType.ATTACHMENT);
            Object value = values.get(f.id());
            if (!files || value == null) {
                continue;
            }
            List<String> ids = new ArrayList<>();
            if (value instanceof Collection<?> many) {
                many.forEach(v -> ids.add(String.valueOf(v)));
            } else {
                ids.add(value.toString());
            }
            if (!ids.isEmpty()) {
                out.put(f.id(), ids);
            }
        }
        return out;
    }
}
