package cn.xianfeng.audit.internal;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/** The bench's door to the audit trail's verification scan, to time the database's part of it alone. */
public final class BenchAudit {

    private BenchAudit() {
    }

    /** Streams the verification's one ordered scan and only reads each row's columns; returns the rows. */
    public static long scanOnly(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(2000);
        long[] rows = new long[1];
        template.query(ChainWalk.QUERY, rs -> {
            for (int i = 1; i <= 18; i++) {
                rs.getString(i);
            }
            rows[0]++;
        });
        return rows[0];
    }

    /** The plan of that scan, as PostgreSQL ran it. */
    public static String explain(DataSource dataSource) {
        return String.join("\n", new JdbcTemplate(dataSource).queryForList("explain (analyze, buffers) " + ChainWalk.QUERY,
                String.class));
    }
}
