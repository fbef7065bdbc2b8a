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
import java.util.stream.Collectors;

/** Recorded values as a reader of the dossier sees them: field labels and option labels in Chinese. */
final class Labels {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    private static final Map<String, String> ACTIONS = Map.ofEntries(Map.entry("CASE_STARTED", "发起"),
            Map.entry("TASK_COMPLETED", "办理"), Map.entry("TASK_CLAIMED", "签收"), Map.entry("COMMENTED", "评论"),
            Map.entry("ESCALATED", "超时上报"), Map.entry("DOCUMENT_ISSUED", "出具文书"),
            Map.entry("DOCUMENT_VOIDED", "作废文书"), Map.entry("ATTACHMENT_STORED", "上传附件"),
            Map.entry("CASE_ENDED", "结案"), Map.entry("CASE_COPIED", "抄送"),
            // the task center's operations (issue 15)
            Map.entry("TASK_TRANSFERRED", "转办"), Map.entry("TASK_DELEGATED", "委派"), Map.entry("TASK_RESOLVED", "交回委派人"),
            Map.entry("TASK_RETURNED", "退回"), Map.entry("TASK_WITHDRAWN", "撤回"), Map.entry("TASK_REMINDED", "催办"),
            Map.entry("TASK_UNCLAIMED", "取消签收"), Map.entry("SIGNERS_ADDED", "加签"), Map.entry("SIGNER_REMOVED", "减签"),
            Map.entry("TASK_SIGNED", "加签人签署"), Map.entry("SUBMISSION_HELD", "提交（待加签人签署）"),
            Map.entry("SUBMISSION_RETURNED", "提交未生效"), Map.entry("CASE_CANCELLED", "撤销"));

    private Labels() {
    }

    static String action(String action) {
        return ACTIONS.getOrDefault(action, action);
    }

    /** Label–value pairs in the form's field order, then values the form does not describe under their keys. */
    static List<String[]> facts(FormDefinition form, Map<String, Object> data) {
        List<String[]> pairs = new ArrayList<>();
        List<String> described = new ArrayList<>();
        if (form != null) {
            for (FormField f : form.fields()) {
                described.add(f.id());
                if (data.containsKey(f.id()) && !empty(data.get(f.id()))) {
                    pairs.add(new String[]{f.label(ZH), value(form, f.id(), data.get(f.id()))});
                }
            }
        }
        data.forEach((k, v) -> {
            if (!described.contains(k) && !empty(v)) {
                pairs.add(new String[]{k, value(null, k, v)});
            }
        });
        return pairs;
    }

    static String value(FormDefinition form, String fieldId, Object value) {
        FormField field = form == null ? null : form.field(fieldId).orElse(null);
        if (value instanceof Collection<?> c) {
            return c.stream().map(v -> value(form, fieldId, v)).collect(Collectors.joining("、"));
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> e.getKey() + "：" + e.getValue()).collect(Collectors.joining("；"));
        }
        if (value instanceof Boolean b) {
            return b ? "是" : "否";
        }
        if (field != null && field.type() == FieldType.CHOICE) {
            for (FormOption o : field.options()) {
                if (Objects.equals(o.value(), String.valueOf(value))) {
                    return o.label().in(ZH);
                }
            }
        }
        return String.valueOf(value);
    }

    private static boolean empty(Object v) {
        return v == null || v instanceof String s && s.isBlank() || v instanceof Collection<?> c && c.isEmpty();
    }
}
