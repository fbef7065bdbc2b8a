package cn.xianfeng.admission.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The admission module's own table: one row per recruitment case, with the dates the rules make. */
@Repository
public class AdmissionCases {

    private final JdbcClient jdbc;

    AdmissionCases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(String caseId, String applicant, String orgCode, boolean open, LocalDate applicationDate,
                      LocalDate activistDate, LocalDate earliestCandidateDate, LocalDate candidateDate,
                      LocalDate voteDate, LocalDate probationEnd, Integer extendedMonths, LocalDate fullDate) {
    }

    void insert(String caseId, String applicant, String orgCode) {
        jdbc.sql("insert into admission_case (case_id, applicant, org_code) values (?, ?, ?)")
                .params(caseId, applicant, orgCode).update();
    }

    boolean hasOpen(String applicant) {
        return jdbc.sql("select count(*) from admission_case where applicant = ? and open").param(applicant)
                .query(Integer.class).single() > 0;
    }

    /** Sets one date column; the column name comes from this module's code, never from input. */
    void date(String caseId, String column, LocalDate value) {
        jdbc.sql("update admission_case set " + column + " = ? where case_id = ?").params(value, caseId).update();
    }

    void extended(String caseId, int months, LocalDate probationEnd) {
        jdbc.sql("update admission_case set extended_months = ?, probation_end = ? where case_id = ?")
                .params(months, probationEnd, caseId).update();
    }

    void close(String caseId) {
        jdbc.sql("update admission_case set open = false where case_id = ?").param(caseId).update();
    }

    public Optional<Row> find(String caseId) {
        return jdbc.sql("select * from admission_case where case_id = ?").param(caseId).query(AdmissionCases::map).optional();
    }

    public Optional<Row> latestOf(String applicant) {
        return jdbc.sql("""
                select a.* from admission_case a join case_record c on c.id = a.case_id
                 where a.applicant = ? order by a.open desc, c.started_at desc limit 1""")
                .param(applicant).query(AdmissionCases::map).optional();
    }

    /** Open cases of an org subtree, for the branch's list. */
    public List<Row> openWithin(String orgPathPattern) {
        return jdbc.sql("""
                select a.* from admission_case a join case_record c on c.id = a.case_id
                 where a.open and c.org_path like ? order by c.started_at""")
                .param(orgPathPattern).query(AdmissionCases::map).list();
    }

    private static Row map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Row(rs.getString("case_id"), rs.getString("applicant"), rs.getString("org_code"), rs.getBoolean("open"),
                rs.getObject("application_date", LocalDate.class), rs.getObject("activist_date", LocalDate.class),
                rs.getObject("earliest_candidate_date", LocalDate.class), rs.getObject("candidate_date", LocalDate.class),
                rs.getObject("vote_date", LocalDate.class), rs.getObject("probation_end", LocalDate.class),
                (Integer) rs.getObject("extended_months"), rs.getObject("full_date", LocalDate.class));
    }
}
