package cn.xianfeng.workflow;

import java.util.List;
import java.util.Optional;

/** A form: its key (the {@code formKey} of BPMN tasks and start events), title and fields in display order. */
public record FormDefinition(String key, LocalizedText title, List<FormField> fields) {

    public FormDefinition {
        fields = List.copyOf(fields);
    }

    public Optional<FormField> field(String id) {
        return fields.stream().filter(f -> f.id().equals(id)).findFirst();
    }
}
