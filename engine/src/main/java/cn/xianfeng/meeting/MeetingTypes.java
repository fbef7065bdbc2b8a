package cn.xianfeng.meeting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the meeting module shows: a record with its roll, resolutions and amendments; a member's year; the grid. */
public final class MeetingTypes {

    private MeetingTypes() {
    }

    /** One resolution; the vote fields carry the names API.md fixes for meeting votes. */
    public record Resolution(String text, int entitled, int present, int yes, int no, int abstain,
                             LocalDate meetingDate) {
        /** Passed when more than half of those entitled voted yes. */
        public boolean passed() {
            return yes * 2 > entitled;
        }
    }

    public record Attendee(String username, String name, boolean votes, String response, String reason,
                           Instant respondedAt, Boolean present) {
    }

    public record Amendment(long id, String author, Instant at, String reason, String text) {
    }

    public record MeetingRecord(String caseId, String orgCode, String orgName, String branchCode, MeetingType type,
                                Instant plannedAt, String place, String host, String recorder, String agenda,
                                LocalDate meetingDate, String startTime, String endTime, String minutes,
                                String absenceNotes, List<Resolution> resolutions, List<String> photos,
                                List<String> signIn, List<String> keyPhrases, Instant archivedAt, String archivedBy,
                                String minutesCode, int expected, int presentCount, List<Attendee> attendees,
                                List<Amendment> amendments) {
        public boolean archived() {
            return archivedAt != null;
        }
    }

    /** A meeting on a member's roll: a notice to answer, or one they attended or missed. */
    public record MyMeeting(String caseId, MeetingType type, String orgName, Instant plannedAt, String place,
                            LocalDate meetingDate, String response, String reason, Boolean present, boolean archived) {
    }

    public record MyYear(int year, List<MyMeeting> pending, List<MyMeeting> attended, List<MyMeeting> missed) {
    }

    /** {@code NOT_HELD}: a type the branch does not hold at all (group meetings in a branch without groups). */
    public enum CellStatus { HELD, DUE, OVERDUE, NOT_HELD }

    /** One branch and meeting type; lastCaseId is the meeting behind lastHeld (null when none was held). */
    public record Cell(MeetingType type, String frequency, LocalDate lastHeld, LocalDate nextDue, CellStatus status,
                       boolean flagged, String lastCaseId) {
    }

    public record BranchRow(String code, String name, boolean compliant, List<Cell> cells) {
    }

    /** The grid as it stood at the end of the day asOf (today, or the end of an earlier period chosen). */
    public record Grid(String org, String orgName, List<MeetingType> types, List<BranchRow> branches, LocalDate asOf) {
    }
}
