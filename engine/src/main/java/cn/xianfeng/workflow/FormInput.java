package cn.xianfeng.workflow;

import java.util.Map;

/**
 * A submitted form's values, read inside the engine's transaction: a page stores its uploads there, so a refused
 * form stores nothing and a retried completion reads (and stores) them again within the retry.
 */
@FunctionalInterface
public interface FormInput {

    Map<String, Object> read(FormDefinition form);

    static FormInput of(Map<String, Object> data) {
        return form -> data == null ? Map.of() : data;
    }
}
