package cn.xianfeng.dues.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;

/** Runs of six unpaid months found, one per member and run, each with its 谈话 case; and accepted reasons. */
@Repository
public class ArrearsFlags {

    private final JdbcClient jdbc;

    ArrearsFlags(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when this run was flagged already (by an earlier check, or a concurrent one). */
    boolean raise(String username, YearMonth runStart, Instant at) {
        return jdbc.sql("insert into dues_arrears_flag (username, run_start, raised_at) values (?, ?, ?) on conflict do nothing")
                .params(username, Months.first(runStart), Timestamp.from(at)).update() > 0;
    }

    void caseOf(String username, YearMonth runStart, String caseId) {
        jdbc.sql("update dues_arrears_flag set case_id = ? where username = ? and run_start = ?")
                .params(caseId, username, Months.first(runStart)).update();
    }

    /** Whether a 谈话 case of the member is still open: no second one while the first runs. */
    boolean openCase(String username) {
        return jdbc.sql("""
                select exists (select 1 from dues_arrears_flag f join case_record c on c.id = f.case_id
                                where f.username = ? and c.status = 'ACTIVE')""").param(username)
                .query(Boolean.class).single();
    }

    /** A valid reason recorded in a 谈话: the unpaid months through {@code through} stop counting toward six. */
    void excuse(String username, YearMonth through, String caseId, String reason, String by, Instant at) {
        jdbc.sql("""
                insert into dues_excuse (username, through_month, case_id, reason, recorded_by, recorded_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(username, Months.first(through), caseId, reason, by, Timestamp.from(at)).update();
    }
}
