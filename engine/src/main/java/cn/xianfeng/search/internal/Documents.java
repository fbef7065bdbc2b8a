package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.Kind;
import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.internal.Sources.AuditRow;
import cn.xianfeng.search.internal.Sources.CaseRow;
import cn.xianfeng.search.internal.Sources.TaskRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Derives the documents of a case — itself, its tasks, its audit events — from the rows of the system of record. */
final class Documents {

    /** A case's text gathers its comments and form values; beyond this it only slows indexing. */
    private static final int CASE_TEXT_LIMIT = 20_000;

    private Documents() {
    }

    static String caseId(String id) {
        return "case-" + id;
    }

    /** Every document of one case, derived from all its audit events and tasks (events in recording order). */
    static List<SearchDocument> ofCase(CaseRow c, List<AuditRow> events, List<TaskRow> tasks) {
        return ofCase(c, events, events.stream().map(Documents::text).toList(), tasks);
    }

    /** As above, with each event's {@link #text} already at hand (a rebuild derived the events' documents first). */
    static List<SearchDocument> ofCase(CaseRow c, List<AuditRow> events, List<String> texts, List<TaskRow> tasks) {
        return ofCase(c, texts, events.stream().mapToLong(AuditRow::seq).max().orElse(0), tasks);
    }

    /** As above, from the events' texts and their last sequence number ({@code version}) alone. */
    static List<SearchDocument> ofCase(CaseRow c, List<String> texts, long version, List<TaskRow> tasks) {
        List<SearchDocument> out = new ArrayList<>(1 + tasks.size());
        out.add(caseDocument(c, texts, version));
        tasks.forEach(t -> out.add(task(t, c, version)));
        return out;
    }

    static SearchDocument audit(AuditRow e, CaseRow c) {
        return new SearchDocument("audit-" + e.id(), Kind.AUDIT, e.caseId(), c == null ? null : c.process(),
                c == null ? null : c.subject(), c == null ? e.orgCode() : c.orgCode(),
                c == null ? e.orgPath() : c.orgPath(), e.actor(), e.action(), e.stepId(), e.at(), text(e), null, null,
                List.of(), null, null, e.seq());
    }

    static SearchDocument caseDocument(CaseRow c, List<String> texts, long version) {
        String text = texts.stream().filter(s -> !s.isEmpty()).collect(Collectors.joining(" "));
        if (text.length() > CASE_TEXT_LIMIT) {
            text = text.substring(0, CASE_TEXT_LIMIT);
        }
        return new SearchDocument(caseId(c.id()), Kind.CASE, c.id(), c.process(), c.subject(), c.orgCode(),
                c.orgPath(), c.starter(), null, null, c.startedAt(), text, c.subject(), c.status(), List.of(), null,
                c.endedAt(), version);
    }

    static SearchDocument task(TaskRow t, CaseRow c, long version) {
        return new SearchDocument("task-" + t.id(), Kind.TASK, c.id(), c.process(), c.subject(), c.orgCode(),
                c.orgPath(), t.assignee(), null, t.stepId(), t.createdAt(), null, t.name(), taskStatus(t),
                t.candidates(), t.due(), t.endedAt(), version);
    }

    private static String taskStatus(TaskRow t) {
        if (t.endedAt() == null) {
            return "OPEN";
        }
        return t.deleteReason() == null ? "COMPLETED" : "CANCELLED";
    }

    /** What full-text search matches: the comment and every value the form carried. */
    static String text(AuditRow e) {
        return text(e.comment(), e.data());
    }

    static String text(String comment, Map<String, Object> data) {
        String values = data == null ? "" : data.values().stream().map(Documents::flatten)
                .collect(Collectors.joining(" "));
        return String.join(" ", comment == null ? "" : comment, values).strip();
    }

    private static String flatten(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m.values().stream().map(Documents::flatten).collect(Collectors.joining(" "));
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Documents::flatten).collect(Collectors.joining(" "));
        }
        if (v == null || v instanceof Boolean) {
            return "";
        }
        String s = v.toString();
        return CODE.matcher(s).matches() ? "" : s;
    }

    /** Values people do not read (enum constants, org codes, ids, flags): not indexed, so no excerpt shows them. */
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile(
            "[A-Z][A-Z0-9_]+|null|true|false|[A-Z]\\d{2}(?:-[A-Z]+\\d+)*"
                    + "|(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
}
