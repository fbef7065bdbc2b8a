package cn.xianfeng.audit.internal;

import org.springframework.jdbc.core.RowCallbackHandler;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Checks streamed audit events, given in {@code order by chain, seq}: each row against its predecessor in the
 * chain (order, contiguity, link) and against its own digests, and each chain's last event against the chain's
 * head row (seq and hash, columns 17 and 18 of every row: one ordered scan checks events and heads together).
 * Every broken row is offered to {@link FirstBroken}.
 */
final class ChainWalk implements RowCallbackHandler {

    static final String QUERY = "select e.id, e.chain, e.seq, e.at, e.actor, e.org_code, e.action, e.case_id, e.task_id, "
            + "e.step_id, e.data::text, e.comment, e.source_address, e.data_digest, e.prev_hash, e.hash, h.seq, h.hash "
            + "from audit_event e left join audit_chain_head h on h.chain = e.chain order by e.chain, e.seq";

    static final String CHAIN_QUERY = QUERY.replace(" order by", " where e.chain = ? order by");

    private final CanonicalJson canonicalJson;
    private final FirstBroken broken;
    private final EventHashing hashing = new EventHashing();
    private String chain;
    private long prevId;
    private long prevSeq;
    private String prevHash;
    private long events;
    private long headSeq;
    private String headHash;

    ChainWalk(CanonicalJson canonicalJson, FirstBroken broken) {
        this.canonicalJson = canonicalJson;
        this.broken = broken;
    }

    @Override
    public void processRow(ResultSet rs) throws SQLException {
        events++;
        long id = rs.getLong(1);
        String rowChain = rs.getString(2);
        long seq = rs.getLong(3);
        if (!rowChain.equals(chain)) {
            finishChain();
            chain = rowChain;
            prevId = 0;
            prevSeq = 0;
            prevHash = EventHashing.GENESIS;
        }
        String hash = rs.getString(16);
        String reason = check(rs, id, seq, hash);
        if (reason != null) {
            broken.offer(id, reason);
        }
        prevId = id;
        prevSeq = seq;
        prevHash = hash;
        headSeq = rs.getLong(17);
        headHash = rs.getString(18);
    }

    /** The chain just walked ends where its head row says (a chain without a head row has a null head hash). */
    void finishChain() {
        if (chain != null && (headHash == null || headSeq != prevSeq || !headHash.equals(prevHash))) {
            broken.offer(prevId, "head mismatch");
        }
    }

    private String check(ResultSet rs, long id, long seq, String hash) throws SQLException {
        if (id < prevId || seq <= prevSeq) {
            return "sequence out of order";
        }
        if (seq != prevSeq + 1) {
            return "sequence gap";
        }
        String dataDigest = rs.getString(14);
        if (!hashing.dataDigest(canonical(rs.getString(11))).equals(dataDigest)) {
            return "data digest mismatch";
        }
        Instant at = rs.getObject(4, OffsetDateTime.class).toInstant();
        String expected = hashing.eventHash(chain, seq, at, rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), dataDigest, rs.getString(12), rs.getString(13),
                rs.getString(15));
        if (!expected.equals(hash)) {
            return "hash mismatch";
        }
        if (!prevHash.equals(rs.getString(15))) {
            return "previous hash mismatch";
        }
        return null;
    }

    private String canonical(String data) {
        try {
            return canonicalJson.canonical(data);
        } catch (IllegalArgumentException e) {
            return "\u0000unreadable";
        }
    }

    long events() {
        return events;
    }
}
