package cn.xianfeng.search.internal;

import cn.xianfeng.search.internal.IndexingCursor.Claim;

import java.time.Duration;

/**
 * An indexer's hold on the cursor's lease, remembered between passes so that a pass need not claim it each time:
 * while it was taken or renewed (by moving the cursor) less than a third of the lease ago, no other node can have
 * taken it. Older, it is claimed again. Every cursor move still checks the owner, the position and the generation.
 */
final class HeldLease {

    private final IndexingCursor cursor;
    private final Duration lease;
    /** Where this indexer left the cursor, and its generation; null when it must claim the lease (again). */
    private volatile Claim left;
    /** When the lease was last taken or renewed ({@link System#nanoTime}, before the statement was sent). */
    private volatile long renewed;

    HeldLease(IndexingCursor cursor, Duration lease) {
        this.cursor = cursor;
        this.lease = lease;
    }

    /**
     * The claim as left while recent, else taken or renewed now; null while another node holds the lease.
     * {@code changedHands} runs when the claim differs from the one left (another node indexed, or a rebuild
     * rewound the cursor).
     */
    Claim claim(String owner, Runnable changedHands) {
        long now = System.nanoTime();
        Claim held = left;
        if (held != null && now - renewed < lease.toNanos() / 3) {
            return held;
        }
        Claim claim = cursor.claimed(IndexingCursor.NAME, owner, lease).orElse(null);
        if (claim != null && !claim.equals(held)) {
            changedHands.run();
        }
        left = claim;
        renewed = now;
        return claim;
    }

    /** The cursor moved to {@code to}, renewing the lease with it; {@code sent}: when the move was sent. */
    void moved(Claim to, long sent) {
        left = to;
        renewed = sent;
    }

    /** The cursor was not where this indexer left it, or the lease was given up: claim before the next pass. */
    void forget() {
        left = null;
    }
}
