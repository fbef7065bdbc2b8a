package cn.xianfeng.audit.internal;

import cn.xianfeng.audit.AuditEvent;
import cn.xianfeng.audit.CheckedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The events that recorded a document's issue and voiding, found by the code in their data, each checked on its
 * own without walking its whole chain (the public verification page must stay cheap): its data digest and hash
 * recompute, and the chain goes on from its hash (the next event's previous hash, or the chain head's hash).
 */
@Component
class DocumentEvents {

    private final JdbcClient jdbc;
    private final AuditEventRows rows;
    private final CanonicalJson canonicalJson = new CanonicalJson();

    DocumentEvents(JdbcClient jdbc, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.jdbc = jdbc;
        this.rows = new AuditEventRows(json);
    }

    List<CheckedEvent> of(String code) {
        return jdbc.sql("select " + AuditEventRows.COLUMNS + ", data::text as raw_data from audit_event"
                        + " where action in ('DOCUMENT_ISSUED', 'DOCUMENT_VOIDED') and data ->> 'code' = ? order by id")
                .param(code)
                .query((rs, n) -> new Row(rows.mapRow(rs, n), rs.getString("raw_data"))).list()
                .stream().map(r -> new CheckedEvent(r.event(), problem(r))).toList();
    }

    private record Row(AuditEvent event, String rawData) {
    }

    private String problem(Row row) {
        AuditEvent e = row.event();
        EventHashing hashing = new EventHashing();
        String canonical;
        try {
            canonical = canonicalJson.canonical(row.rawData());
        } catch (IllegalArgumentException unreadable) {
            return "data digest mismatch";
        }
        if (!hashing.dataDigest(canonical).equals(e.dataDigest())) {
            return "data digest mismatch";
        }
        String expected = hashing.eventHash(e.chain(), e.seq(), e.at(), e.actor(), e.orgCode(), e.action(), e.caseId(),
                e.taskId(), e.stepId(), e.dataDigest(), e.comment(), e.sourceAddress(), e.prevHash());
        if (!expected.equals(e.hash())) {
            return "hash mismatch";
        }
        Optional<String> next = jdbc.sql("select prev_hash from audit_event where chain = ? and seq = ?")
                .params(e.chain(), e.seq() + 1).query(String.class).optional();
        String link = next.orElseGet(() -> jdbc.sql("select hash from audit_chain_head where chain = ? and seq = ?")
                .params(e.chain(), e.seq()).query(String.class).optional().orElse(null));
        return e.hash().equals(link) ? null : "not linked into its chain";
    }
}
