package cn.xianfeng.meeting.internal;

import cn.xianfeng.meeting.MeetingType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;

/** Flags of branches that missed a meeting type's frequency in a period: one per branch, type and period. */
@Repository
public class ComplianceFlags {

    private final JdbcClient jdbc;

    ComplianceFlags(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Raises a flag; false when this period was flagged already (by an earlier run, or a concurrent one). */
    boolean raise(String branch, MeetingType type, String period, LocalDate periodEnd, Instant at) {
        return jdbc.sql("""
                insert into meeting_flag (branch_code, type, period, period_end, raised_at) values (?, ?, ?, ?, ?)
                on conflict do nothing""")
                .params(branch, type.name(), period, periodEnd, Timestamp.from(at)).update() > 0;
    }

    void caseOf(String branch, MeetingType type, String period, String caseId) {
        jdbc.sql("update meeting_flag set case_id = ? where branch_code = ? and type = ? and period = ?")
                .params(caseId, branch, type.name(), period).update();
    }

    int resolve(String branch, MeetingType type, Instant at) {
        return jdbc.sql("update meeting_flag set resolved_at = ? where branch_code = ? and type = ? and resolved_at is null")
                .params(Timestamp.from(at), branch, type.name()).update();
    }

    /** "branch/TYPE" of every open flag among the given branches. */
    public Set<String> open(java.util.Collection<String> branches) {
        return jdbc.sql("select branch_code, type from meeting_flag where resolved_at is null and branch_code = any(?)")
                .param(branches.toArray(String[]::new))
                .query((rs, i) -> rs.getString("branch_code") + "/" + rs.getString("type")).list().stream()
                .collect(Collectors.toSet());
    }

    /** When an org was created: a branch is not expected to have met before it existed. */
    public Instant orgCreated(String code) {
        return jdbc.sql("select created_at from org_unit where code = ?").param(code).query(Timestamp.class).single()
                .toInstant();
    }
}
