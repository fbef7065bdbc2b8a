package cn.xianfeng.points.internal;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a confirmed offline activity (积分申报) and a thought report (思想汇报) earn, from their audit events alone:
 * a confirmed claim earns its claimant CLAIM_&lt;activity&gt; in the month of the activity (so the monthly cap
 * counts it where it happened); a thought report earns its submitter THOUGHT_REPORT when it was the first of its
 * quarter (the admission module decides that when it records the report, under a lock on the submitter).
 */
@Component
class ClaimDerivation {

    static final String CONFIRMED = "POINTS_CLAIM_CONFIRMED"; // AuditAction.POINTS_CLAIM_CONFIRMED, as stored
    static final String THOUGHT_REPORT = "THOUGHT_REPORT_SUBMITTED"; // AuditAction.THOUGHT_REPORT_SUBMITTED
    private static final Set<String> ACTIVITIES = Set.of("VOLUNTEER", "AWARD", "STUDY", "OTHER");

    private final ZoneId zone;

    ClaimDerivation(Clock clock) {
        this.zone = clock.getZone();
    }

    List<Earned> claim(TrailEvent e) {
        Map<String, Object> d = e.data() == null ? Map.of() : e.data();
        LocalDate date = date(d.get("date"));
        if (!(d.get("claimant") instanceof String claimant) || !(d.get("activity") instanceof String activity)
                || !ACTIVITIES.contains(activity) || date == null) {
            return List.of();
        }
        return List.of(new Earned(e.id(), Earned.MEMBER, claimant, "-", "CLAIM_" + activity, null, 0,
                date.atStartOfDay(zone).toInstant(), YearMonth.from(date), e.caseId(), false));
    }

    List<Earned> thoughtReport(TrailEvent e) {
        Map<String, Object> d = e.data() == null ? Map.of() : e.data();
        if (e.actor() == null || !Boolean.TRUE.equals(d.get("firstOfQuarter"))) {
            return List.of();
        }
        return List.of(new Earned(e.id(), Earned.MEMBER, e.actor(), "-", "THOUGHT_REPORT", null, 0, e.at(),
                YearMonth.from(e.at().atZone(zone)), e.caseId(), false));
    }

    private static LocalDate date(Object value) {
        try {
            return value == null ? null : LocalDate.parse(value.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
