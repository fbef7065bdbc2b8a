package cn.xianfeng.dossier.internal;

import cn.xianfeng.audit.AuditEvent;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every value a dossier might print by name (a person or an org): the starter, each event's actor and every scalar
 * in the events' data. Looked up together in one statement before writing, so no name costs a statement of its own.
 */
public final class NamedValues {

    /** Longer values are no username or org code. */
    private static final int LONGEST = 128;

    private NamedValues() {
    }

    public static Set<String> of(List<AuditEvent> events, String starter, String orgCode) {
        Set<String> values = new LinkedHashSet<>();
        add(values, starter);
        add(values, orgCode);
        for (AuditEvent e : events) {
            add(values, e.actor());
            if (e.data() != null) {
                e.data().values().forEach(v -> collect(values, v));
            }
        }
        return values;
    }

    private static void collect(Set<String> values, Object v) {
        if (v instanceof Map<?, ?> m) {
            m.values().forEach(x -> collect(values, x));
        } else if (v instanceof Collection<?> c) {
            c.forEach(x -> collect(values, x));
        } else if (v != null && !(v instanceof Boolean)) {
            add(values, String.valueOf(v));
        }
    }

    private static void add(Set<String> values, String value) {
        if (value != null && !value.isEmpty() && value.length() <= LONGEST) {
            values.add(value);
        }
    }
}
