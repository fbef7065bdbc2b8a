package cn.xianfeng.audit.internal;

import cn.xianfeng.audit.AuditRead;
import cn.xianfeng.audit.AuditReads;
import cn.xianfeng.audit.ReadKind;
import cn.xianfeng.common.Page;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Service
class JdbcAuditReads implements AuditReads {

    /** A query or a code, never a document: long input is cut rather than refused, so the read is still logged. */
    private static final int MAX_DETAIL = 1000;

    private final JdbcClient jdbc;
    private final ObjectProvider<Clock> clock;

    JdbcAuditReads(JdbcClient jdbc, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional
    public AuditRead record(String actor, ReadKind kind, String caseId, String detail, String sourceAddress) {
        if (actor == null || actor.isBlank() || kind == null) {
            throw new IllegalArgumentException("a read needs an actor and a kind");
        }
        Instant at = EventHashing.storable(clock.getIfAvailable(Clock::systemUTC).instant());
        String cut = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…";
        long id = jdbc.sql("""
                        insert into audit_read (at, actor, kind, case_id, detail, source_address)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(Timestamp.from(at), actor, kind.name(), caseId, cut, sourceAddress).query(Long.class).single();
        return new AuditRead(id, at, actor, kind, caseId, cut, sourceAddress);
    }

    @Override
    @Transactional
    public void recordAll(List<cn.xianfeng.audit.ReadOrigin.Pending> reads, String sourceAddress) {
        reads.forEach(r -> record(r.actor(), r.kind(), r.caseId(), r.detail(), sourceAddress));
    }

    @Override
    @Transactional(readOnly = true)
    public Page<AuditRead> list(String actor, Instant from, Instant to, int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (actor != null && !actor.isBlank()) {
            where.append(" and actor = ?");
            params.add(actor);
        }
        if (from != null) {
            where.append(" and at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            where.append(" and at < ?");
            params.add(Timestamp.from(to));
        }
        long total = jdbc.sql("select count(*) from audit_read" + where).params(params).query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(size);
        paged.add((long) Math.max(0, page) * size);
        List<AuditRead> items = jdbc.sql("select * from audit_read" + where + " order by at desc, id desc limit ? offset ?")
                .params(paged).query(JdbcAuditReads::map).list();
        return new Page<>(items, total);
    }

    private static AuditRead map(ResultSet rs, int n) throws SQLException {
        return new AuditRead(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                ReadKind.valueOf(rs.getString("kind")), rs.getString("case_id"), rs.getString("detail"),
                rs.getString("source_address"));
    }
}
