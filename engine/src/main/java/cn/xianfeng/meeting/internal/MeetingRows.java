package cn.xianfeng.meeting.internal;

import cn.xianfeng.meeting.MeetingType;
import cn.xianfeng.meeting.MeetingTypes.Amendment;
import cn.xianfeng.meeting.MeetingTypes.Attendee;
import cn.xianfeng.meeting.MeetingTypes.Resolution;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The meeting module's own tables: the record, its roll (which is also the notices) and its amendments. */
@Repository
public class MeetingRows {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final JdbcClient jdbc;

    MeetingRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(String caseId, String orgCode, String branchCode, MeetingType type, Instant plannedAt,
                      String place, String host, String recorder, String agenda, LocalDate meetingDate,
                      String startTime, String endTime, String minutes, String absenceNotes,
                      List<Resolution> resolutions, List<String> photos, List<String> signIn, List<String> keyPhrases,
                      String recordedBy, Instant archivedAt, String archivedBy, String minutesCode) {
    }

    /** What the recorder wrote, as stored. */
    record Recorded(LocalDate meetingDate, String startTime, String endTime, String place, String host, String recorder,
                    String agenda, String minutes, String absenceNotes, List<Resolution> resolutions,
                    List<String> photos, List<String> signIn, List<String> keyPhrases, String recordedBy) {
    }

    void insert(String caseId, String orgCode, String branchCode, MeetingType type, Instant plannedAt, String place,
                String host, String recorder, String agenda) {
        jdbc.sql("""
                insert into meeting_record (case_id, org_code, branch_code, type, planned_at, place, host, recorder, agenda)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(caseId, orgCode, branchCode, type.name(), Timestamp.from(plannedAt), place, host, recorder, agenda)
                .update();
    }

    void addAttendee(String caseId, String username, boolean votes) {
        jdbc.sql("insert into meeting_attendee (case_id, username, votes) values (?, ?, ?)")
                .params(caseId, username, votes).update();
    }

    void recorded(String caseId, Recorded r) {
        jdbc.sql("""
                update meeting_record set meeting_date = ?, start_time = ?, end_time = ?, place = ?, host = ?,
                       recorder = ?, agenda = ?, minutes = ?, absence_notes = ?, resolutions = ?::jsonb,
                       photos = ?::jsonb, sign_in = ?::jsonb, key_phrases = ?::jsonb, recorded_by = ?
                 where case_id = ? and archived_at is null""")
                .params(r.meetingDate(), r.startTime(), r.endTime(), r.place(), r.host(), r.recorder(), r.agenda(),
                        r.minutes(), r.absenceNotes(), json(r.resolutions()), json(r.photos()), json(r.signIn()),
                        json(r.keyPhrases()), r.recordedBy(), caseId)
                .update();
    }

    void present(String caseId, java.util.Collection<String> present) {
        jdbc.sql("update meeting_attendee set present = (username = any(?)) where case_id = ?")
                .params(present.toArray(String[]::new), caseId).update();
    }

    void archived(String caseId, Instant at, String by, String minutesCode) {
        jdbc.sql("update meeting_record set archived_at = ?, archived_by = ?, minutes_code = ? where case_id = ?")
                .params(Timestamp.from(at), by, minutesCode, caseId).update();
    }

    void minutesCode(String caseId, String code) {
        jdbc.sql("update meeting_record set minutes_code = ? where case_id = ?").params(code, caseId).update();
    }

    /** Records a member's answer to the notice; false when they are not on the roll. */
    public boolean respond(String caseId, String username, String response, String reason, Instant at) {
        return jdbc.sql("""
                update meeting_attendee set response = ?, reason = ?, responded_at = ?
                 where case_id = ? and username = ?""")
                .params(response, reason, Timestamp.from(at), caseId, username).update() > 0;
    }

    public Amendment amend(String caseId, String author, Instant at, String reason, String text) {
        long id = jdbc.sql("""
                insert into meeting_amendment (case_id, author, at, reason, text) values (?, ?, ?, ?, ?) returning id""")
                .params(caseId, author, Timestamp.from(at), reason, text).query(Long.class).single();
        return new Amendment(id, author, at, reason, text);
    }

    public Optional<Row> find(String caseId) {
        return jdbc.sql("select * from meeting_record where case_id = ?").param(caseId).query(MeetingRows::map).optional();
    }

    public List<Attendee> attendees(String caseId) {
        return jdbc.sql("""
                select a.*, p.name from meeting_attendee a join person p on p.username = a.username
                 where a.case_id = ? order by a.votes desc, a.username""")
                .param(caseId).query((rs, i) -> new Attendee(rs.getString("username"), rs.getString("name"),
                        rs.getBoolean("votes"), rs.getString("response"), rs.getString("reason"),
                        instant(rs, "responded_at"), (Boolean) rs.getObject("present"))).list();
    }

    public List<Amendment> amendments(String caseId) {
        return jdbc.sql("select * from meeting_amendment where case_id = ? order by id").param(caseId)
                .query((rs, i) -> new Amendment(rs.getLong("id"), rs.getString("author"), instant(rs, "at"),
                        rs.getString("reason"), rs.getString("text"))).list();
    }

    /** Meetings on a person's roll whose plan or date falls in [from, to); a cancelled (撤销) plan is no notice. */
    public List<Row> ofAttendee(String username, Instant from, Instant to) {
        return jdbc.sql("""
                select m.* from meeting_record m join meeting_attendee a on a.case_id = m.case_id
                 where a.username = ? and coalesce(m.meeting_date::timestamptz, m.planned_at) >= ?
                   and not exists (select 1 from case_record c where c.id = m.case_id and c.status = 'CANCELLED')
                   and coalesce(m.meeting_date::timestamptz, m.planned_at) < ? order by m.planned_at""")
                .params(username, Timestamp.from(from), Timestamp.from(to)).query(MeetingRows::map).list();
    }

    public Optional<Attendee> attendee(String caseId, String username) {
        return attendees(caseId).stream().filter(a -> a.username().equals(username)).findFirst();
    }

    /** The latest archived meeting date of a type held by a branch (or one of its groups) on or before a day. */
    public Optional<LocalDate> lastHeld(String branchCode, MeetingType type, LocalDate onOrBefore) {
        return jdbc.sql("""
                select meeting_date from meeting_record
                 where branch_code = ? and type = ? and archived_at is not null and meeting_date <= ?
                 order by meeting_date desc limit 1""")
                .params(branchCode, type.name(), onOrBefore).query((rs, i) -> rs.getObject(1, LocalDate.class)).optional();
    }

    /** A meeting held: its day and its case, which a compliance cell links to. */
    public record Held(LocalDate date, String caseId) {
    }

    /** The last archived meeting of a branch and type on or before a day, with its case (one query). */
    public Optional<Held> lastHeldMeeting(String branchCode, MeetingType type, LocalDate onOrBefore) {
        return jdbc.sql("""
                select meeting_date, case_id from meeting_record
                 where branch_code = ? and type = ? and archived_at is not null and meeting_date <= ?
                 order by meeting_date desc, archived_at desc limit 1""")
                .params(branchCode, type.name(), onOrBefore)
                .query((rs, i) -> new Held(rs.getObject(1, LocalDate.class), rs.getString(2))).optional();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Row map(ResultSet rs, int i) throws SQLException {
        TypeReference<List<String>> strings = new TypeReference<>() {
        };
        return new Row(rs.getString("case_id"), rs.getString("org_code"), rs.getString("branch_code"),
                MeetingType.valueOf(rs.getString("type")), instant(rs, "planned_at"), rs.getString("place"),
                rs.getString("host"), rs.getString("recorder"), rs.getString("agenda"),
                rs.getObject("meeting_date", LocalDate.class), rs.getString("start_time"), rs.getString("end_time"),
                rs.getString("minutes"), rs.getString("absence_notes"),
                read(rs.getString("resolutions"), new TypeReference<List<Resolution>>() {
                }), read(rs.getString("photos"), strings), read(rs.getString("sign_in"), strings),
                read(rs.getString("key_phrases"), strings), rs.getString("recorded_by"), instant(rs, "archived_at"),
                rs.getString("archived_by"), rs.getString("minutes_code"));
    }
}
