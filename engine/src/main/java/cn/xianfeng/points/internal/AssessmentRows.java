package cn.xianfeng.points.internal;

import cn.xianfeng.points.AppraisalTypes.Grade;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The committee's assessments of branches, the members' 民主评议 grades and the appraisal PDFs issued (V85), all
 * append-only: the latest row of a key counts.
 */
@Component
public class AssessmentRows {

    private final JdbcClient jdbc;

    AssessmentRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Scored(String branchCode, int score, String comment, String assessedBy, Instant at) {
    }

    public record IssuedAppraisal(String code, Instant at) {
    }

    public void insertAssessment(String branch, int year, int score, String comment, String actor, Instant now) {
        jdbc.sql("""
                        insert into points_assessment (branch_code, year, score, comment, assessed_by, assessed_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(branch, year, score, comment, actor, Timestamp.from(now)).update();
    }

    /** The latest score of each of the branches for the year. */
    public Map<String, Scored> assessments(Collection<String> branches, int year) {
        Map<String, Scored> out = new HashMap<>();
        if (branches.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        select distinct on (branch_code) branch_code, score, comment, assessed_by, assessed_at
                          from points_assessment where year = :year and branch_code in (:branches)
                         order by branch_code, id desc""")
                .param("year", year).param("branches", branches)
                .query((rs, i) -> new Scored(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list().forEach(s -> out.put(s.branchCode(), s));
        return out;
    }

    public void insertGrade(String branch, int year, String username, Grade grade, String actor, Instant now) {
        jdbc.sql("""
                        insert into points_appraisal (branch_code, year, username, grade, recorded_by, recorded_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(branch, year, username, grade.name(), actor, Timestamp.from(now)).update();
    }

    /** The latest grade of each member of the branch for the year. */
    public Map<String, Grade> grades(String branch, int year) {
        Map<String, Grade> out = new HashMap<>();
        jdbc.sql("""
                        select distinct on (username) username, grade from points_appraisal
                         where branch_code = ? and year = ? order by username, id desc""")
                .params(branch, year).query((rs, i) -> Map.entry(rs.getString(1), Grade.valueOf(rs.getString(2))))
                .list().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    public void insertDocument(String code, String branch, int year, Instant now) {
        jdbc.sql("insert into points_appraisal_document (code, branch_code, year, issued_at) values (?, ?, ?, ?)")
                .params(code, branch, year, Timestamp.from(now)).update();
    }

    public Optional<IssuedAppraisal> latestDocument(String branch, int year) {
        return jdbc.sql("""
                        select code, issued_at from points_appraisal_document where branch_code = ? and year = ?
                         order by issued_at desc, code limit 1""")
                .params(branch, year).query((rs, i) -> new IssuedAppraisal(rs.getString(1),
                        rs.getTimestamp(2).toInstant())).optional();
    }

    /**
     * Whether a 民主评议党员 (APPRAISAL) meeting of the branch or one of its groups was archived in the year where the
     * users live: the trail's MEETING_ARCHIVED of a case started with that type.
     */
    public boolean appraisalMeetingArchived(String branchPath, int year, ZoneId zone) {
        return jdbc.sql("""
                        select exists (select 1 from audit_event a
                                         join audit_event s on s.case_id = a.case_id and s.action = 'CASE_STARTED'
                                         join org_unit o on o.code = a.org_code
                                        where a.action = 'MEETING_ARCHIVED' and s.data ->> 'type' = 'APPRAISAL'
                                          and starts_with(o.path, :path) and a.at >= :from and a.at < :to)""")
                .param("path", branchPath)
                .param("from", Timestamp.from(java.time.LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant()))
                .param("to", Timestamp.from(java.time.LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant()))
                .query(Boolean.class).single();
    }

    /** Usernames of the people among {@code usernames} (for messages naming a person). */
    List<String> known(Collection<String> usernames) {
        return usernames.isEmpty() ? List.of() : jdbc.sql("select username from person where username in (:u)")
                .param("u", usernames).query(String.class).list();
    }
}
