package cn.xianfeng.portal.picker;

import cn.xianfeng.org.Org;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.workflow.FieldType;
import cn.xianfeng.workflow.FormField;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the form fragments need to show picked values as people read them (张三 · 城关社区党支部, not zhangsan),
 * date-times in the application's zone for the device's picker, and a group's rows. Used from templates as
 * {@code @pickers}.
 */
@Component("pickers")
public class Pickers {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final People people;
    private final Orgs orgs;
    private final cn.xianfeng.evidence.Attachments attachments;
    private final ZoneId zone;

    Pickers(People people, Orgs orgs, cn.xianfeng.evidence.Attachments attachments, Clock clock) {
        this.people = people;
        this.orgs = orgs;
        this.attachments = attachments;
        this.zone = clock.getZone();
    }

    /** The files of an attachment field's value, as people read them (unknown ids are left out). */
    public List<cn.xianfeng.evidence.Attachment> files(Object value) {
        List<cn.xianfeng.evidence.Attachment> out = new ArrayList<>();
        for (Object v : many(value)) {
            attachments.find(String.valueOf(v)).ifPresent(out::add);
        }
        return out;
    }

    /** The lookup a field's picker asks, with the field's org types and scope. */
    public String url(FormField field) {
        StringBuilder url = new StringBuilder("/lookup/").append(kind(field));
        String sep = "?";
        for (Map.Entry<String, Object> e : query(field).entrySet()) {
            for (Object v : many(e.getValue())) {
                url.append(sep).append(e.getKey()).append('=').append(v);
                sep = "&";
            }
        }
        return url.toString();
    }

    /** One picked value with what people read. {@code known} is false for text that names no one. */
    public record Chosen(String value, String label, boolean known) {
    }

    private static Collection<?> many(Object value) {
        if (value instanceof Collection<?> c) {
            return c;
        }
        return value == null ? List.of() : List.of(value);
    }

    /** {@code people} or {@code orgs}: the lookup a field's picker asks. */
    public String kind(FormField field) {
        return field.valueType() == FieldType.ORG ? "orgs" : "people";
    }

    /** The org types and scope a field's picker passes to the lookup, as query parameters. */
    public Map<String, Object> query(FormField field) {
        FormField spec = field.type() == FieldType.LIST && field.item() != null ? field.item() : field;
        Map<String, Object> query = new LinkedHashMap<>();
        if (!spec.orgTypes().isEmpty()) {
            query.put("type", spec.orgTypes());
        }
        if (FormField.SCOPE_ALL.equals(spec.scope())) {
            query.put("scope", FormField.SCOPE_ALL);
        }
        return query;
    }

    public List<Chosen> chosen(String kind, Object values) {
        List<Chosen> out = new ArrayList<>();
        for (Object v : many(values)) {
            String value = String.valueOf(v);
            if (value.isBlank()) {
                continue;
            }
            out.add("orgs".equals(kind) ? org(value) : person(value));
        }
        return out;
    }

    private Chosen person(String username) {
        return people.find(username).map(p -> new Chosen(username, p.name() + orgName(p.orgCode()), true))
                .orElse(new Chosen(username, username, false));
    }

    private Chosen org(String code) {
        return orgs.find(code).map(o -> new Chosen(code, o.name() + (o.parentCode() == null ? ""
                : orgName(o.parentCode())), true)).orElse(new Chosen(code, code, false));
    }

    private String orgName(String code) {
        return code == null ? "" : orgs.find(code).map(Org::name).map(n -> " · " + n).orElse("");
    }

    /** A date-time value (stored, posted or typed) as the device's picker wants it, in the application's zone. */
    public String local(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return LOCAL.format(t.atZoneSameInstant(zone));
        }
        if (value instanceof java.util.Date d) {
            return LOCAL.format(d.toInstant().atZone(zone));
        }
        String text = value.toString();
        try {
            return LOCAL.format(OffsetDateTime.parse(text).atZoneSameInstant(zone));
        } catch (DateTimeParseException e) {
            try {
                return LOCAL.format(Instant.parse(text).atZone(zone));
            } catch (DateTimeParseException again) {
                return text; // what was typed, shown back as it was
            }
        }
    }

    /** A group's rows to show: those given (at most the group's maximum), or one blank row to start from. */
    public List<Map<?, ?>> rows(FormField field, Object value) {
        List<Map<?, ?>> rows = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.stream().filter(r -> r instanceof Map<?, ?>).limit(field.effectiveMaxItems()).forEach(r -> rows.add((Map<?, ?>) r));
        }
        if (rows.isEmpty()) {
            rows.add(Map.of());
        }
        return rows;
    }
}
