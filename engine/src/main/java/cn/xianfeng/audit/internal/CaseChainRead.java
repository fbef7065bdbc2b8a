package cn.xianfeng.audit.internal;

import cn.xianfeng.audit.AuditEvent;
import cn.xianfeng.audit.AuditVerification;
import cn.xianfeng.audit.CheckedChain;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One case's chain read once: every row checked by {@link ChainWalk} (events and head together) and the case's own
 * events kept for the reader. The query starts from the chain's name, so a head row whose chain has no event left
 * still comes back (one row without an event) and counts as a head mismatch, as {@code verify()} counts it.
 */
final class CaseChainRead implements RowCallbackHandler {

    static final String QUERY = "select e.id, c.chain, e.seq, " + ChainWalk.AT + ", e.actor, e.org_code, e.action, e.case_id, e.task_id, "
            + "e.step_id, e.data::text, e.comment, e.source_address, e.data_digest, e.prev_hash, e.hash, h.seq, h.hash "
            + "from (select cast(? as text) collate \"C\" as chain) c "
            + "left join audit_event e on e.chain = c.chain "
            + "left join audit_chain_head h on h.chain = c.chain order by e.seq";

    private final String caseId;
    private final AuditEventRows rows;
    private final FirstBroken broken = new FirstBroken();
    private final ChainWalk walk;
    private final List<AuditEvent> events = new ArrayList<>();
    private ChainHeads.Head head;

    CaseChainRead(String caseId, AuditEventRows rows, CanonicalJson canonicalJson) {
        this.caseId = caseId;
        this.rows = rows;
        this.walk = new ChainWalk(canonicalJson, broken);
    }

    @Override
    public void processRow(ResultSet rs) throws SQLException {
        if (rs.getString(18) != null) {
            head = new ChainHeads.Head(rs.getLong(17), rs.getString(18));
        }
        if (rs.getObject(1) == null) {
            if (head != null) {
                broken.offer(0, "head mismatch");
            }
            return;
        }
        walk.processRow(rs);
        if (caseId.equals(rs.getString(8))) {
            events.add(new AuditEvent(rs.getLong(1), rs.getString(2), rs.getLong(3),
                    Instant.parse(rs.getString(4)), rs.getString(5), rs.getString(6),
                    rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rows.toMap(rs.getString(11)),
                    rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16)));
        }
    }

    CheckedChain result() {
        walk.finishChain();
        return new CheckedChain(List.copyOf(events), new AuditVerification(broken.get() == null, walk.events(),
                broken.get()));
    }

    /** The head row as read (null without one): where the next append to the chain will most likely start. */
    ChainHeads.Head head() {
        return head;
    }
}
