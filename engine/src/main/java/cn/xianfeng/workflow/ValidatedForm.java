package cn.xianfeng.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Either every field error, or the cleaned and typed values (in form order); never both. */
public record ValidatedForm(boolean valid, List<FieldError> errors, Map<String, Object> values) {

    public ValidatedForm {
        errors = List.copyOf(errors);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static ValidatedForm of(List<FieldError> errors, Map<String, Object> values) {
        return errors.isEmpty() ? new ValidatedForm(true, errors, values) : new ValidatedForm(false, errors, Map.of());
    }
}
