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

    /** A stored audit action as people read it (the audit module's labels; an unknown one reads as another action). */
    public String action(String action, Locale locale) {
        return cn.xianfeng.audit.AuditAction.labelOf(action, locale);
    }

    public String groups(Collection<String> groups, Locale locale) {
        return groups.stream().map(g -> group(g, locale)).collect(Collectors.joining("、"));
    }

    public String person(String username) {
        if (username == null) {
            return "";
        }
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        if (username.startsWith("~")) {
            return messages.getMessage("actor.public", null, "诉求人", locale);
        }
        if (username.equals("system") || username.equals("anonymous")) {
            return messages.getMessage("actor." + username, null, username, locale);
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

    /** A step's name in the reader's language. */
    public String step(String process, String stepId, Locale locale) {
        return named(step(process, stepId), locale);
    }

    /** A process, stage or step name as the model gives it, in the reader's language. */
    public String named(String name, Locale locale) {
        return cn.xianfeng.workflow.ProcessNames.in(name, locale);
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

    /** The files a recorded attachment field names, to link them; empty for any other field. */
    public java.util.List<cn.xianfeng.evidence.Attachment> files(String process, String stepId, String fieldId, Object value) {
        FormDefinition form = cases.formOf(process, stepId);
        FormField field = form == null ? null : form.field(fieldId).orElse(null);
        boolean files = field != null && (field.type() == cn.xianfeng.workflow.FieldType.ATTACHMENT
                || (field.item() != null && field.item().type() == cn.xianfeng.workflow.FieldType.ATTACHMENT));
        if (!files || value == null) {
            return java.util.List.of();
        }
        Collection<?> ids = value instanceof Collection<?> many ? many : java.util.List.of(value);
        return ids.stream().map(id -> attachments.find(String.valueOf(id)).orElse(null))
                .filter(java.util.Objects::nonNull).toList();
    }

    /** A file size as people read it: 512 B, 12 KB, 3.4 MB. */
    public String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** A value as a given form labels it (a co-signer sees the owner's submission with the step's labels). */
    public String formValue(FormDefinition form, String fieldId, Object value, Locale locale) {
        FormField field = form == null ? null : form.field(fieldId).orElse(null);
        if (value instanceof Collection<?> values) {
            return values.stream().map(v -> value(field, v, locale)).collect(Collectors.joining("、"));
        }
        return value(field, value, locale);
    }

    /**
     * Who handed what to whom, for the history: 转办/委派/交回 from → to, 退回 to which step and person, 加签 and 减签
     * with names and positions, a co-signer's opinion. Null for other actions.
     */
    public String handover(String process, String action, java.util.Map<String, Object> data, Locale locale) {
        if (data == null) {
            return null;
        }
        return switch (action) {
            case "TASK_TRANSFERRED", "TASK_DELEGATED", "TASK_RESOLVED" -> data.get("to") == null ? null
                    : messages.getMessage("history.fromTo", new Object[]{person(str(data.get("from"))),
                    person(str(data.get("to")))}, locale);
            case "TASK_RETURNED" -> messages.getMessage("history.returnedTo", new Object[]{step(process,
                    str(data.get("toStepId"))), person(str(data.get("to")))}, locale);
            case "SIGNERS_ADDED" -> messages.getMessage("history.signersAdded", new Object[]{
                    data.get("users") instanceof Collection<?> users
                            ? users.stream().map(u -> person(str(u))).collect(Collectors.joining("、")) : "",
                    messages.getMessage("sign.position.short." + data.get("position"), null, "", locale)}, locale);
            case "SIGNER_REMOVED" -> messages.getMessage("history.signerRemoved",
                    new Object[]{person(str(data.get("user")))}, locale);
            case "TASK_SIGNED" -> messages.getMessage("history.signed." + data.get("opinion"), null, "", locale);
            case "SUBMISSION_RETURNED" -> messages.getMessage("history.submissionReturned",
                    new Object[]{person(str(data.get("owner")))}, locale);
            default -> null;
        };
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private String value(FormField field, Object value, Locale locale) {
        if (value == null) {
            return "";
        }
        if (field != null && field.options() != null && !field.options().isEmpty()) {
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
        if (value instanceof Boolean || "true".equals(value) || "false".equals(value)) {
            return messages.getMessage(Boolean.parseBoolean(value.toString()) ? "value.yes" : "value.no", null, locale);
        }
        String id = field == null ? "" : field.id().toLowerCase(Locale.ROOT);
        if (id.endsWith("org") || id.endsWith("orgcode")) {
            return org(value.toString()); // an org by name, never its code
        }
        return value.toString();
    }
}
