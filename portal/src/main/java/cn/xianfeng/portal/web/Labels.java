package cn.xianfeng.portal.web;

import cn.xianfeng.org.Org;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.FormDefinition;
import cn.xianfeng.workflow.FormField;
import cn.xianfeng.workflow.FormOption;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Names for people and machines' words on pages: {@code SECRETARY@C01-T1-B1} reads 城关社区党支部 · 支部书记,
 * a recorded {@code decision=APPROVE} reads 审核意见：同意. Used from templates as {@code @labels}.
 */
@Component("labels")
class Labels {

    private final Orgs orgs;
    private final People people;
    private final Cases cases;
    private final MessageSource messages;
    private final java.time.ZoneId zone;
    private final cn.xianfeng.evidence.Attachments attachments;

    Labels(Orgs orgs, People people, Cases cases, MessageSource messages, java.time.Clock clock,
           cn.xianfeng.evidence.Attachments attachments) {
        this.attachments = attachments;
        this.zone = clock.getZone();
        this.orgs = orgs;
        this.people = people;
        this.cases = cases;
        this.messages = messages;
    }

    public String group(String group, Locale locale) {
        int at = group.indexOf('@');
        if (at < 0) {
            return person(group);
        }
        String role = messages.getMessage("role." + group.substring(0, at), null, group.substring(0, at), locale);
        String org = orgs.find(group.substring(at + 1)).map(Org::name).orElse(group.substring(at + 1));
        return org + " · " + role;
    }

    public String groups(Collection<String> groups, Locale locale) {
        return groups.stream().map(g -> group(g, locale)).collect(Collectors.joining("、"));
    }

    public String person(String username) {
        if (username == null) {
            return "";
        }
        if (username.startsWith("~")) {
            return messages.getMessage("actor.public", null, "诉求人", java.util.Locale.SIMPLIFIED_CHINESE);
        }
        return people.find(username).map(Person::name).orElse(username);
    }

    /** An instant as local time in the application's zone. */
    public String time(java.time.Instant at, String pattern) {
        return at == null ? "" : java.time.format.DateTimeFormatter.ofPattern(pattern).withZone(zone).format(at);
    }

    public String step(String process, String stepId) {
        return stepId == null ? "" : cases.stepName(process, stepId);
    }

    public String org(String code) {
        return orgs.find(code).map(Org::name).orElse(code);
    }

    /** The label of a field recorded at a step (null step: the start form), falling back to its id. */
    public String field(String process, String stepId, String fieldId, Locale locale) {
        FormDefinition form = cases.formOf(process, stepId);
        return form == null ? fieldId : form.field(fieldId).map(f -> f.label(locale)).orElse(fieldId);
    }

    /** A recorded value as people read it: option labels for choices, names for people. */
    public String value(String process, String stepId, String fieldId, Object value, Locale locale) {
        FormDefinition form = cases.formOf(process, stepId);
        FormField field = form == null ? null : form.field(fieldId).orElse(null);
        if (field != null && field.type() == cn.xianfeng.workflow.FieldType.GROUP && value instanceof Collection<?> rows) {
            // a group's rows: 决议内容：…，赞成：2，反对：0；…
            return rows.stream().filter(r -> r instanceof java.util.Map<?, ?>).map(r -> field.fields().stream()
                    .filter(c -> ((java.util.Map<?, ?>) r).get(c.id()) != null)
                    .map(c -> c.label(locale) + "：" + value(c, ((java.util.Map<?, ?>) r).get(c.id()), locale))
                    .collect(Collectors.joining("，"))).collect(Collectors.joining("；"));
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(v -> value(field, v, locale)).collect(Collectors.joining("、"));
        }
        return value(field, value, locale);
    }

    private String value(FormField field, Object value, Locale locale) {
        if (value == null) {
            return "";
        }
        if (field != null && field.options() != null) {
            return field.options().stream().filter(o -> o.value().equals(value.toString())).findFirst()
                    .map(FormOption::label).map(l -> l.in(locale)).orElse(value.toString());
        }
        if (field != null && field.type() == cn.xianfeng.workflow.FieldType.PERSON) {
            return person(value.toString());
        }
        if (field != null && field.valueType() == cn.xianfeng.workflow.FieldType.ORG) {
            return org(value.toString());
        }
        if (field != null && field.type() == cn.xianfeng.workflow.FieldType.DATETIME) {
            try {
                return time(java.time.OffsetDateTime.parse(value.toString()).toInstant(), "yyyy-MM-dd HH:mm");
            } catch (java.time.format.DateTimeParseException e) {
                return value.toString();
            }
        }
        if (field != null && (field.type() == cn.xianfeng.workflow.FieldType.ATTACHMENT || (field.item() != null
                && field.item().type() == cn.xianfeng.workflow.FieldType.ATTACHMENT))) {
            return attachments.find(value.toString()).map(a -> a.name()).orElse(value.toString());
        }
        if (field != null && field.item() != null && field.item().type() == cn.xianfeng.workflow.FieldType.PERSON) {
            return person(value.toString());
        }
        if (value instanceof Boolean b) {
            return messages.getMessage(b ? "value.yes" : "value.no", null, locale);
        }
        return value.toString();
    }
}
