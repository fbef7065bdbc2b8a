package cn.xianfeng.audit;

/**
 * The outcome of checking the whole audit store: {@code events} counted, and when not valid the first broken
 * event (lowest id; 0 when the damage has no event to name, e.g. a chain whose events are all gone).
 */
public record AuditVerification(boolean valid, long events, Broken firstBroken) {

    /**
     * {@code reason} is one of "hash mismatch", "data digest mismatch", "sequence gap", "sequence out of order",
     * "previous hash mismatch", "head mismatch", "anchor mismatch".
     */
    public record Broken(long id, String reason) {
    }
}
