package cn.xianfeng.meeting;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.evidence.Attachment;
import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.meeting.MeetingTypes.Amendment;
import cn.xianfeng.meeting.MeetingTypes.Attendee;
import cn.xianfeng.meeting.MeetingTypes.MeetingRecord;
import cn.xianfeng.meeting.MeetingTypes.MyMeeting;
import cn.xianfeng.meeting.MeetingTypes.MyYear;
import cn.xianfeng.meeting.internal.MeetingRows;
import cn.xianfeng.meeting.internal.MeetingRows.Row;
import cn.xianfeng.meeting.internal.Minutes;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.Cases;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Meeting records as people use them: the record with its roll and amendments, answering a notice, correcting
 * an archived record by amendment, the minutes PDF, and a member's meetings of the year.
 */
@Service
public class Meetings {

    private final MeetingRows rows;
    private final Cases cases;
    private final Orgs orgs;
    private final OrgAuthority authority;
    private final Attachments attachments;
    private final Documents documents;
    private final Minutes minutes;
    private final AuditTrail audit;
    private final Clock clock;

    Meetings(MeetingRows rows, Cases cases, Orgs orgs, OrgAuthority authority, Attachments attachments,
             Documents documents, Minutes minutes, AuditTrail audit, Clock clock) {
        this.rows = rows;
        this.cases = cases;
        this.orgs = orgs;
        this.authority = authority;
        this.attachments = attachments;
        this.documents = documents;
        this.minutes = minutes;
        this.audit = audit;
        this.clock = clock;
    }

    /** The record, for whoever may see its case (404 otherwise). */
    public MeetingRecord record(String caseId, String viewer) {
        cases.view(caseId, viewer);
        Row m = row(caseId);
        List<Attendee> roll = rows.attendees(caseId);
        int present = (int) roll.stream().filter(a -> Boolean.TRUE.equals(a.present())).count();
        return new MeetingRecord(m.caseId(), m.orgCode(), orgs.get(m.orgCode()).name(), m.branchCode(), m.type(),
                m.plannedAt(), m.place(), m.host(), m.recorder(), m.agenda(), m.meetingDate(), m.startTime(),
                m.endTime(), m.minutes(), m.absenceNotes(), m.resolutions(), m.photos(), m.signIn(), m.keyPhrases(),
                m.archivedAt(), m.archivedBy(), m.minutesCode(), roll.size(), present, roll, rows.amendments(caseId));
    }

    /** A member on the roll answers the notice: attending, or absent with a reason. Until the meeting is recorded. */
    @Transactional
    public Attendee respond(String caseId, String member, boolean attending, String reason) {
        Row m = row(caseId);
        rows.attendee(caseId, member).orElseThrow(() -> new NotFoundException(Refusal.of("meeting.notInvited")));
        if (m.meetingDate() != null || m.archivedAt() != null) {
            throw new ConflictException(Refusal.of("meeting.alreadyRecorded"));
        }
        String clean = reason == null ? null : reason.strip();
        if (!attending && (clean == null || clean.isEmpty())) {
            throw InvalidInputException.of("reason", Refusal.of("meeting.leaveReason"));
        }
        if (clean != null && clean.length() > 500) {
            throw InvalidInputException.of("reason", Refusal.of("meeting.reasonMax500"));
        }
        String response = attending ? "CONFIRMED" : "ABSENT";
        rows.respond(caseId, member, response, attending ? null : clean, clock.instant());
        Map<String, Object> data = new HashMap<>();
        data.put("response", response);
        if (!attending) {
            data.put("reason", clean);
        }
        audit.record(new AuditEntry(member, m.orgCode(), AuditAction.MEETING_ATTENDANCE, caseId, null, null, data, null, null));
        return rows.attendee(caseId, member).orElseThrow();
    }

    /** A correction of an archived record: never an edit, a new amendment with its reason; the minutes are reissued. */
    @Transactional
    public Amendment amend(String caseId, String reason, String text, String actor) {
        cases.view(caseId, actor);
        Row m = row(caseId);
        if (!authority.isSuperuser(actor) && !authority.holdsAbove(actor, m.branchCode(), Role.SECRETARY, Role.BRANCH_COMMITTEE)) {
            throw new ForbiddenException(Refusal.of("meeting.amendNotAllowed"));
        }
        if (m.archivedAt() == null) {
            throw new ConflictException(Refusal.of("meeting.amendInProgress"));
        }
        List<InvalidInputException.Violation> problems = new java.util.ArrayList<>();
        if (reason == null || reason.isBlank() || reason.strip().length() > 1000) {
            problems.add(new InvalidInputException.Violation("reason", Refusal.of("meeting.amendReason")));
        }
        if (text == null || text.isBlank() || text.strip().length() > 5000) {
            problems.add(new InvalidInputException.Violation("text", Refusal.of("meeting.amendText")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Amendment a = rows.amend(caseId, actor, clock.instant(), reason.strip(), text.strip());
        audit.record(new AuditEntry(actor, m.orgCode(), AuditAction.MEETING_AMENDED, caseId, null, null,
                Map.of("amendment", a.id(), "reason", a.reason(), "text", a.text()), null, null));
        minutes.reissue(caseId, m.minutesCode(), actor);
        return a;
    }

    /** The latest minutes PDF of an archived meeting. */
    public byte[] minutesPdf(String caseId, String viewer) {
        cases.read(caseId, viewer, cn.xianfeng.audit.ReadKind.DOCUMENT_DOWNLOADED);
        Row m = row(caseId);
        if (m.minutesCode() == null) {
            throw new ConflictException(Refusal.of("meeting.noMinutesYet"));
        }
        return documents.content(m.minutesCode());
    }

    /** A photo or sign-in sheet of a meeting the viewer may see. */
    public Attachment file(String caseId, String attachmentId, String viewer) {
        cases.read(caseId, viewer, cn.xianfeng.audit.ReadKind.ATTACHMENT_DOWNLOADED);
        Row m = row(caseId);
        if (!m.photos().contains(attachmentId) && !m.signIn().contains(attachmentId)) {
            throw new NotFoundException(Refusal.of("common.attachmentNotFound", attachmentId));
        }
        return attachments.find(attachmentId).orElseThrow(() -> new NotFoundException(Refusal.of("common.attachmentNotFound", attachmentId)));
    }

    public byte[] content(Attachment a) {
        return attachments.content(a.id());
    }

    /** The member's meetings of a year: notices still to answer, meetings attended, meetings missed. */
    public MyYear mine(String member, int year) {
        if (year < 1900 || year > 9999) {
            throw cn.xianfeng.common.InvalidInputException.of("year", Refusal.of("meeting.yearRange"));
        }
        var zone = clock.getZone();
        List<MyMeeting> all = rows.ofAttendee(member, LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant(),
                LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant()).stream().map(m -> {
            Attendee a = rows.attendee(m.caseId(), member).orElseThrow();
            return new MyMeeting(m.caseId(), m.type(), orgs.get(m.orgCode()).name(), m.plannedAt(), m.place(),
                    m.meetingDate(), a.response(), a.reason(), a.present(), m.archivedAt() != null);
        }).toList();
        return new MyYear(year, all.stream().filter(x -> x.meetingDate() == null).toList(),
                all.stream().filter(x -> x.archived() && Boolean.TRUE.equals(x.present())).toList(),
                all.stream().filter(x -> x.archived() && Boolean.FALSE.equals(x.present())).toList());
    }

    private Row row(String caseId) {
        return rows.find(caseId).orElseThrow(() -> new NotFoundException(Refusal.of("meeting.notFound", caseId)));
    }
}
