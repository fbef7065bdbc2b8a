package cn.xianfeng.points.internal;

import cn.xianfeng.audit.AuditEvent;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import org.flowable.engine.HistoryService;
import org.flowable.identitylink.api.history.HistoricIdentityLink;
import org.flowable.task.api.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an audit event earns, read from the trail up to that event (so deriving it later, or again in a rebuild,
 * gives the same): an archived meeting earns each member on its roll attended / leave / absent and the branch a
 * meeting held; a dues payment earns each month paid by the month's end; its reversal takes that back; an
 * admission step with a due date completed on time earns its completer, completed late costs the branch whose
 * role the step was for; a closed month's dues collection rate prices the branch. Empty when an event earns
 * nothing; null when it cannot be decided any more (the step's
 * engine history was archived), so a rebuild leaves its entries alone.
 */
@Component
class Derivation {

    static final List<String> ACTIONS = List.of("MEETING_ARCHIVED", "DUES_PAID", "DUES_PAYMENT_REVERSED",
            "TASK_COMPLETED", DuesMonthClose.ACTION, ClaimDerivation.CONFIRMED, ClaimDerivation.THOUGHT_REPORT);
    private static final Pattern ADMISSION_STEP = Pattern.compile("step\\d\\d");

    private final AuditTrail audit;
    private final Orgs orgs;
    private final HistoryService history;
    private final ZoneId zone;
    private final ClaimDerivation claims;
    private final BranchEventDerivation procedures;

    Derivation(AuditTrail audit, Orgs orgs, HistoryService history, Clock clock, ClaimDerivation claims,
               BranchEventDerivation procedures) {
        this.claims = claims;
        this.procedures = procedures;
        this.audit = audit;
        this.orgs = orgs;
        this.history = history;
        this.zone = clock.getZone();
    }

    /** The historic tasks a batch of events names, read in one query. */
    HistoricTasks tasksOf(List<TrailEvent> events) {
        return HistoricTasks.of(history, events);
    }

    /** {@code tasks}: the batch's historic tasks, read ahead. */
    List<Earned> of(TrailEvent e, HistoricTasks tasks) {
        return switch (e.action()) {
            case "MEETING_ARCHIVED" -> meeting(e);
            case "DUES_PAID" -> dues(e, false);
            case "DUES_PAYMENT_REVERSED" -> dues(e, true);
            case "TASK_COMPLETED" -> both(step(e, tasks), procedures.ofTask(e, tasks));
            case DuesMonthClose.ACTION -> duesRate(e);
            case ClaimDerivation.CONFIRMED -> claims.claim(e);
            case ClaimDerivation.THOUGHT_REPORT -> claims.thoughtReport(e);
            default -> List.of();
        };
    }

    private List<Earned> meeting(TrailEvent e) {
        if (e.caseId() == null || e.orgCode() == null) {
            return List.of();
        }
        String type = null;
        List<String> roll = List.of();
        Map<String, String> responses = new HashMap<>();
        Object present = null;
        LocalDate date = null;
        for (AuditEvent before : audit.forCase(e.caseId())) {
            if (before.seq() >= e.seq()) {
                break;
            }
            Map<String, Object> d = before.data() == null ? Map.of() : before.data();
            switch (before.action()) {
                case "CASE_STARTED" -> type = d.get("type") instanceof String t ? t : null;
                case "MEETING_NOTIFIED" -> roll = strings(d.get("attendees"));
                case "MEETING_ATTENDANCE" -> responses.put(before.actor(), String.valueOf(d.get("response")));
                case "TASK_COMPLETED" -> {
                    if ("record".equals(before.stepId())) {
                        // who came, by username: "attendees" since resolutions are rows ("present" is their count);
                        // records made before that carried the usernames as "present"
                        present = d.get("attendees") instanceof List<?> ? d.get("attendees") : d.get("present");
                        date = d.get("meetingDate") == null ? null : LocalDate.parse(d.get("meetingDate").toString());
                    }
                }
                default -> {
                }
            }
        }
        if (type == null || date == null) {
            return List.of();
        }
        Set<String> here = new LinkedHashSet<>(present instanceof List<?> named ? strings(named)
                : roll.stream().filter(u -> "CONFIRMED".equals(responses.get(u))).toList());
        Instant at = date.atStartOfDay(zone).toInstant();
        YearMonth period = YearMonth.from(date);
        List<Earned> out = new ArrayList<>();
        for (String member : roll) {
            String kind = here.contains(member) ? "MEETING_ATTENDED"
                    : "ABSENT".equals(responses.get(member)) ? "MEETING_LEAVE" : "MEETING_ABSENT";
            out.add(new Earned(e.id(), Earned.MEMBER, member, "-", kind, type, 0, at, period, e.caseId(), false));
        }
        String held = type;
        Optional<Org> branch = orgs.find(e.orgCode()).map(o -> orgs.branchOf(o.code()));
        branch.ifPresent(b -> out.add(new Earned(e.id(), Earned.BRANCH, b.code(), "-", "MEETING_HELD", held, 0, at,
                period, e.caseId(), false)));
        return out;
    }

    private List<Earned> dues(TrailEvent e, boolean reversal) {
        Map<String, Object> d = e.data() == null ? Map.of() : e.data();
        if (!(d.get("username") instanceof String member)) {
            return List.of();
        }
        LocalDate paidOn = d.get("paidOn") == null ? LocalDate.ofInstant(e.at(), zone) : LocalDate.parse(d.get("paidOn").toString());
        List<Earned> out = new ArrayList<>();
        for (String text : strings(d.get("months"))) {
            YearMonth month = YearMonth.parse(text);
            // a reversal takes back what the payment earned: the payment's own date decided that, and the reversal
            // does not carry it, so every reversed month is taken back (a late month earned 0 and loses 0)
            if (reversal || !paidOn.isAfter(month.atEndOfMonth())) {
                out.add(new Earned(e.id(), Earned.MEMBER, member, text, "DUES_ON_TIME", null, 0,
                        reversal ? e.at() : paidOn.atStartOfDay(zone).toInstant(), month, null, reversal));
            }
        }
        return out;
    }

    /** A branch's collection rate of a closed month, in whole percent rounded down (99.9 % is not 100 %). */
    private List<Earned> duesRate(TrailEvent e) {
        Map<String, Object> d = e.data() == null ? Map.of() : e.data();
        if (e.orgCode() == null || !(d.get("due") instanceof Number due) || due.longValue() <= 0
                || !(d.get("paid") instanceof Number paid) || !(d.get("month") instanceof String month)) {
            return List.of();
        }
        int rate = (int) (paid.longValue() * 100 / due.longValue());
        return List.of(new Earned(e.id(), Earned.BRANCH, e.orgCode(), month, "DUES_RATE", null, rate, e.at(),
                YearMonth.parse(month), null, false));
    }

    private List<Earned> step(TrailEvent e, HistoricTasks tasks) {
        if (e.caseId() == null || e.taskId() == null || e.stepId() == null
                || !ADMISSION_STEP.matcher(e.stepId()).matches()) {
            return List.of();
        }
        HistoricTaskInstance task = tasks.get(e.taskId());
        if (task == null) {
            return null;
        }
        if (task.getDueDate() == null) {
            return List.of();
        }
        YearMonth period = YearMonth.from(e.at().atZone(zone));
        if (!e.at().isAfter(task.getDueDate().toInstant())) {
            return "system".equals(e.actor()) ? List.of() : List.of(new Earned(e.id(), Earned.MEMBER, e.actor(), "-",
                    "STEP_ON_TIME", null, 0, e.at(), period, e.caseId(), false));
        }
        List<Earned> out = new ArrayList<>();
        for (HistoricIdentityLink link : history.getHistoricIdentityLinksForTask(e.taskId())) {
            String group = link.getGroupId();
            int at = group == null ? -1 : group.indexOf('@');
            if (at < 0) {
                continue;
            }
            orgs.find(group.substring(at + 1)).filter(o -> o.type() == OrgType.BRANCH)
                    .filter(o -> out.stream().noneMatch(x -> x.subject().equals(o.code())))
                    .ifPresent(o -> out.add(new Earned(e.id(), Earned.BRANCH, o.code(), "-", "STEP_OVERDUE", null, 0,
                            e.at(), period, e.caseId(), false)));
        }
        return out;
    }

    /** Null when either cannot be decided any more (a rebuild then leaves the event's entries alone). */
    private static List<Earned> both(List<Earned> a, List<Earned> b) {
        if (a == null || b == null) {
            return null;
        }
        List<Earned> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
