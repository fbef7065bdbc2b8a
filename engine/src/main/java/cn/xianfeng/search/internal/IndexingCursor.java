package cn.xianfeng.search.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * The indexer's position in the audit trail, (xid, event id) of the last event indexed, and a lease on it: with
 * two portal nodes one indexes while the lease lasts, the other waits. Moving the position compares it with the
 * one read, so a node that lost the lease, or a rebuild that rewound the position, is never overwritten.
 * Lease times are the database's: the application clock can be moved for demos.
 */
@Component
class IndexingCursor {

    static final String NAME = "index";

    /** The row whose lease lets one rebuild run at a time across nodes (its position is unused). */
    static final String REBUILD = "rebuild";

    /** {@code xid}: an xid8 as text. */
    record Position(String xid, long eventId) {

        static final Position START = new Position("0", 0);
    }

    private final JdbcClient jdbc;

    IndexingCursor(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A lease taken: the position, and the generation (moved on by every rewind). */
    record Claim(Position position, long generation) {
    }

    /** Takes or renews the lease of row {@code name}; its position, or empty while another owner holds the lease. */
    Optional<Position> claim(String name, String owner, Duration lease) {
        return claimed(name, owner, lease).map(Claim::position);
    }

    /** As {@link #claim}, with the generation. */
    Optional<Claim> claimed(String name, String owner, Duration lease) {
        return jdbc.sql("""
                        update search_cursor set lease_owner = ?, lease_until = now() + cast(? as interval)
                         where name = ? and (lease_owner is null or lease_owner = ? or lease_until < now())
                        returning xid::text, event_id, generation""")
                .params(owner, lease.toMillis() + " milliseconds", name, owner)
                .query((rs, i) -> new Claim(new Position(rs.getString(1), rs.getLong(2)), rs.getLong(3))).optional();
    }

    /**
     * Moving the position from {@code from} to {@code to} and renewing the lease with it (an indexer that keeps
     * moving the cursor needs no separate renewal); only while {@code owner} holds the row and nobody moved or
     * rewound it since (the generation moves on with every rewind, even one to the same position).
     */
    record Move(String owner, Position from, Position to, long generation, Duration lease) {

        /** An update of the cursor's row returning one column when it moved; {@link #params()} in order. */
        static final String SQL = """
                update search_cursor set xid = cast(? as xid8), event_id = ?,
                                         lease_until = now() + cast(? as interval)
                 where name = ? and lease_owner = ? and generation = ? and xid = cast(? as xid8) and event_id = ?
                returning 1""";

        Object[] params() {
            return new Object[] {to.xid(), to.eventId(), lease.toMillis() + " milliseconds", NAME, owner, generation,
                    from.xid(), from.eventId()};
        }
    }

    /** Moves the position (see {@link Move}); false when it changed meanwhile (rewound, or lease lost). */
    boolean advance(Move move) {
        return jdbc.sql(Move.SQL).params(move.params()).query(Integer.class).optional().isPresent();
    }

    /** Gives the lease up (a node stopping), so another node need not wait for it to run out. */
    void release(String name, String owner) {
        jdbc.sql("update search_cursor set lease_owner = null, lease_until = null where name = ? and lease_owner = ?")
                .params(name, owner).update();
    }

    Position position() {
        return jdbc.sql("select xid::text, event_id from search_cursor where name = ?").param(NAME)
                .query((rs, i) -> new Position(rs.getString(1), rs.getLong(2))).single();
    }

    /**
     * Moves back to {@code to} if the position is past it: what follows is indexed again (documents are versioned).
     * Moves the generation on in any case: the index was swapped, indexers forget what they wrote to the former one.
     */
    void rewind(Position to) {
        jdbc.sql("""
                        update search_cursor
                           set generation = generation + 1,
                               xid = case when (xid, event_id) > (cast(? as xid8), ?) then cast(? as xid8) else xid end,
                               event_id = case when (xid, event_id) > (cast(? as xid8), ?) then ? else event_id end
                         where name = ?""")
                .params(to.xid(), to.eventId(), to.xid(), to.xid(), to.eventId(), to.eventId(), NAME).update();
    }
}
