package cn.xianfeng.meeting.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.meeting.MeetingType;
import cn.xianfeng.meeting.MeetingTypes.Attendee;
import cn.xianfeng.meeting.MeetingTypes.Resolution;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.StepRules;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The rules of a meeting record a form cannot express: who may plan a meeting for which org, who was present
 * (on the roll; by default those who confirmed), resolutions whose votes fit the attendance, and which files
 * may be photos or sign-in sheets. The record is stored when the recorder completes the step.
 */
@Component
class MeetingRules implements StepRules {

    private static final int RECORD_DAYS = 7;

    private final Orgs orgs;
    private final OrgAuthority authority;
    private final MeetingRows rows;
    private final MeetingFiles files;
    private final KeyPhrases keyPhrases;

    MeetingRules(Orgs orgs, OrgAuthority authority, MeetingRows rows, MeetingFiles files, KeyPhrases keyPhrases) {
        this.orgs = orgs;
        this.authority = authority;
        this.rows = rows;
        this.files = files;
        this.keyPhrases = keyPhrases;
    }

    @Override
    public String process() {
        return "meeting-record";
    }

    @Override
    public Map<String, Object> beforeStart(Map<String, Object> values, String actor) {
        OffsetDateTime planned = (OffsetDateTime) values.get("plannedAt");
        MeetingType type = MeetingType.valueOf((String) values.get("type"));
        // the record is due a week after the planned day; overdue shows on the recorder's list
        return Map.of("recordDue", Date.from(planned.plusDays(RECORD_DAYS).toInstant()),
                "subjectName", type.label() + " " + planned.toLocalDate());
    }

    /** Runs inside the start's transaction: a refusal here undoes the case, its roll and notices. */
    @Override
    public void started(String caseId, Map<String, Object> variables, String actor) {
        Org org = orgs.get((String) variables.get("orgCode"));
        MeetingType type = MeetingType.valueOf((String) variables.get("type"));
        boolean branch = org.type() == OrgType.BRANCH || org.type() == OrgType.GENERAL_BRANCH;
        if (!branch && !(org.type() == OrgType.GROUP && type == MeetingType.GROUP)) {
            throw InvalidInputException.of("data.orgCode", Refusal.of("meeting.branchHolds"));
        }
        String branchCode = orgs.branchOf(org.code()).code();
        if (!authority.isSuperuser(actor) && !authority.holdsAbove(actor, branchCode, Role.SECRETARY, Role.BRANCH_COMMITTEE)) {
            throw new ForbiddenException(Refusal.of("meeting.planNotAllowed"));
        }
    }

    @Override
    public Map<String, Object> beforeComplete(Step step, Map<String, Object> values, String actor) {
        if ("record".equals(step.stepId())) {
            check(step.caseId(), values, actor);
        }
        return Map.of();
    }

    @Override
    public void completed(Step step, Map<String, Object> values, String actor) {
        if (!"record".equals(step.stepId())) {
            return;
        }
        Checked c = check(step.caseId(), values, actor);
        String minutes = (String) values.get("minutes");
        rows.recorded(step.caseId(), new MeetingRows.Recorded(c.date(), (String) values.get("startTime"),
                (String) values.get("endTime"), (String) values.get("place"), (String) values.get("host"),
                (String) values.get("recorder"), (String) values.get("agenda"), minutes,
                (String) values.get("absenceNotes"), c.resolutions(), c.photos(), c.signIn(),
                keyPhrases.of(values.get("agenda") + "\n" + minutes), actor));
        rows.present(step.caseId(), c.present());
    }

    private record Checked(LocalDate date, List<String> present, List<Resolution> resolutions, List<String> photos,
                           List<String> signIn) {
    }

    private Checked check(String caseId, Map<String, Object> values, String actor) {
        List<Attendee> roll = rows.attendees(caseId);
        List<String> present = values.get("attendees") instanceof List<?> named
                ? named.stream().map(String::valueOf).distinct().toList()
                : roll.stream().filter(a -> "CONFIRMED".equals(a.response())).map(Attendee::username).toList();
        List<String> onRoll = roll.stream().map(Attendee::username).toList();
        List<String> strangers = present.stream().filter(p -> !onRoll.contains(p)).toList();
        if (!strangers.isEmpty()) {
            throw InvalidInputException.of("data.attendees", Refusal.of("meeting.strangers", String.join("、", strangers)));
        }
        int entitled = (int) roll.stream().filter(Attendee::votes).count();
        int presentVoters = (int) roll.stream().filter(a -> a.votes() && present.contains(a.username())).count();
        ResolutionRows.agree(values.get("entitled"), entitled, "entitled", "label.meeting.entitledVoters");
        ResolutionRows.agree(values.get("present"), presentVoters, "present", "label.meeting.presentVoters");
        LocalDate date = (LocalDate) values.get("meetingDate");
        List<Resolution> resolutions = ResolutionRows.of(values.get("resolutions"), entitled, presentVoters, date);
        List<String> photos = strings(values.get("photos"));
        List<String> signIn = strings(values.get("signIn"));
        files.check(caseId, photos, signIn, actor);
        return new Checked(date, present, resolutions, photos, signIn);
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
