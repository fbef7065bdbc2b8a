package cn.xianfeng.admission.internal;

import cn.xianfeng.admission.Admissions.QuarterCount;
import cn.xianfeng.admission.Admissions.ThoughtReport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** The admission module's record of thought reports (V82), and the quarterly reminders sent. */
@Repository
public class ThoughtReports {

    private final JdbcClient jdbc;

    ThoughtReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The quarter a day belongs to, as stored: {@code 2026-Q3}. */
    public static String quarter(Instant at, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        return day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
    }

    /**
     * Records a report; whether it is the person's first of its quarter. Two reports submitted at once by the same
     * person are serialized by a transaction-scoped lock on the person, so exactly one is the first.
     */
    boolean insert(String caseId, String username, String admissionCaseId, String quarter, String title, Instant at) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('thought-report'), hashtext(?))").param(username)
                .query((rs, i) -> 1).list();
        long before = jdbc.sql("select count(*) from thought_report where username = ? and quarter = ?")
                .params(username, quarter).query(Long.class).single();
        jdbc.sql("""
                insert into thought_report (case_id, username, admission_case_id, quarter, title, submitted_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(caseId, username, admissionCaseId, quarter, title, Timestamp.from(at)).update();
        return before == 0;
    }

    public List<ThoughtReport> of(String admissionCaseId) {
        return jdbc.sql("""
                select case_id, title, quarter, submitted_at from thought_report
                 where admission_case_id = ? order by submitted_at desc, case_id limit 200""")
                .param(admissionCaseId)
                .query((rs, i) -> new ThoughtReport(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant())).list();
    }

    public List<QuarterCount> counts(String admissionCaseId) {
        return jdbc.sql("""
                select quarter, count(*) from thought_report where admission_case_id = ?
                 group by quarter order by quarter desc""")
                .param(admissionCaseId).query((rs, i) -> new QuarterCount(rs.getString(1), rs.getInt(2))).list();
    }

    /**
     * Applicants, activists and candidates of open recruitment cases who have no report in the quarter and were not
     * reminded of it yet.
     */
    List<String> owing(String quarter) {
        return jdbc.sql("""
                select a.applicant from admission_case a join person p on p.username = a.applicant
                 where a.open and p.status in ('APPLICANT', 'ACTIVIST', 'CANDIDATE')
                   and not exists (select 1 from thought_report t where t.username = a.applicant and t.quarter = :q)
                   and not exists (select 1 from thought_report_reminder r where r.username = a.applicant and r.quarter = :q)
                 order by a.applicant""").param("q", quarter).query(String.class).list();
    }

    /** Claims the person's reminder of the quarter; false when it was sent already (by this node or another). */
    boolean claimReminder(String username, String quarter, Instant at) {
        return jdbc.sql("""
                insert into thought_report_reminder (username, quarter, reminded_at) values (?, ?, ?)
                on conflict do nothing""").params(username, quarter, Timestamp.from(at)).update() == 1;
    }
}
