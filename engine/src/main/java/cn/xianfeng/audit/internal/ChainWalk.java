package cn.xianfeng.audit.internal;

import org.springframework.jdbc.core.RowCallbackHandler;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Checks streamed audit events, given in {@code order by chain, seq}: each row against its predecessor in the
 * chain (order, contiguity, link) and against its own digests, and each chain's last event against the chain's
 * head row (seq and hash, columns 17 and 18 of every row: one ordered scan checks events and heads together).
 * Every broken row is offered to {@link FirstBroken}.
 * <p>
 * Text columns are taken as the UTF-8 bytes the driver received ({@code getBytes}: the connection's encoding is
 * UTF-8) and hashed and compared as such: decoding every column into a String and encoding it again for the hash
 * was most of verification's time. {@code at} comes formatted by the query as the hash has it (UTC, microseconds).
 */
final class ChainWalk implements RowCallbackHandler {

    /** The stored instant as {@link EventHashing#formatAt} writes it: {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ}, UTC. */
    static final String AT = "to_char(e.at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    static final String QUERY = "select e.id, e.chain, e.seq, " + AT + ", e.actor, e.org_code, e.action, e.case_id, "
            + "e.task_id, e.step_id, e.data::text, e.comment, e.source_address, e.data_digest, e.prev_hash, e.hash, "
            + "h.seq, h.hash from audit_event e left join audit_chain_head h on h.chain = e.chain order by e.chain, e.seq";

    static final String CHAIN_QUERY = QUERY.replace(" order by", " where e.chain = ? order by");

    private static final byte[] GENESIS = EventHashing.GENESIS.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNREADABLE = "\u0000unreadable".getBytes(StandardCharsets.UTF_8);

    private final CanonicalJson canonicalJson;
    private final FirstBroken broken;
    private final EventHashing hashing = new EventHashing();
    private byte[] chain;
    private long prevId;
    private long prevSeq;
    private byte[] prevHash;
    private long events;
    private long headSeq;
    private byte[] headHash;

    ChainWalk(CanonicalJson canonicalJson, FirstBroken broken) {
        this.canonicalJson = canonicalJson;
        this.broken = broken;
    }

    @Override
    public void processRow(ResultSet rs) throws SQLException {
        events++;
        long id = rs.getLong(1);
        byte[] rowChain = rs.getBytes(2);
        long seq = rs.getLong(3);
        if (!Arrays.equals(rowChain, chain)) {
            finishChain();
            chain = rowChain;
            prevId = 0;
            prevSeq = 0;
            prevHash = GENESIS;
        }
        byte[] hash = rs.getBytes(16);
        String reason = check(rs, id, seq, hash);
        if (reason != null) {
            broken.offer(id, reason);
        }
        prevId = id;
        prevSeq = seq;
        prevHash = hash;
        headSeq = rs.getLong(17);
        headHash = rs.getBytes(18);
    }

    /** The chain just walked ends where its head row says (a chain without a head row has a null head hash). */
    void finishChain() {
        if (chain != null && (headHash == null || headSeq != prevSeq || !Arrays.equals(headHash, prevHash))) {
            broken.offer(prevId, "head mismatch");
        }
    }

    private String check(ResultSet rs, long id, long seq, byte[] hash) throws SQLException {
        if (id < prevId || seq <= prevSeq) {
            return "sequence out of order";
        }
        if (seq != prevSeq + 1) {
            return "sequence gap";
        }
        byte[] dataDigest = rs.getBytes(14);
        if (!Arrays.equals(hashing.dataDigestHex(canonical(rs.getBytes(11))), dataDigest)) {
            return "data digest mismatch";
        }
        byte[] storedPrevHash = rs.getBytes(15);
        byte[] expected = hashing.eventHashHex(chain, Long.toString(seq).getBytes(StandardCharsets.US_ASCII),
                rs.getBytes(4), rs.getBytes(5), rs.getBytes(6), rs.getBytes(7), rs.getBytes(8), rs.getBytes(9),
                rs.getBytes(10), dataDigest, rs.getBytes(12), rs.getBytes(13), storedPrevHash);
        if (!Arrays.equals(expected, hash)) {
            return "hash mismatch";
        }
        if (!Arrays.equals(prevHash, storedPrevHash)) {
            return "previous hash mismatch";
        }
        return null;
    }

    /** The canonical JSON's UTF-8 bytes ({@code "null"} for none), or bytes no digest of real data matches. */
    private byte[] canonical(byte[] data) {
        if (data == null) {
            return EventHashing.NULL_DATA;
        }
        try {
            return canonicalJson.canonical(data).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return UNREADABLE;
        }
    }

    long events() {
        return events;
    }
}
