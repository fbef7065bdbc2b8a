package cn.xianfeng.audit.internal;

import org.springframework.jdbc.core.RowCallbackHandler;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The anchors' digest over chain heads, fed {@code chain, seq, hash} rows in {@code order by chain}:
 * SHA-256 of the version tag followed by each row's three length-prefixed fields (see {@link EventHashing}).
 */
final class HeadsDigest implements RowCallbackHandler {

    static final String QUERY = "select chain, seq, hash from audit_anchor_head order by chain";

    private final EventHashing hashing = new EventHashing();
    private long chains;
    private long events;

    HeadsDigest() {
        hashing.start();
    }

    @Override
    public void processRow(ResultSet rs) throws SQLException {
        long seq = rs.getLong(2);
        // the text columns' UTF-8 bytes as the driver received them, not decoded and encoded again
        hashing.field(rs.getBytes(1));
        hashing.field(Long.toString(seq).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        hashing.field(rs.getBytes(3));
        chains++;
        events += seq;
    }

    String digest() {
        return hashing.finish();
    }

    long chains() {
        return chains;
    }

    long events() {
        return events;
    }
}
