package cn.xianfeng.audit;

/** An audit event and what is wrong with it ({@code problem} null: its digests recompute and the chain holds it). */
public record CheckedEvent(AuditEvent event, String problem) {

    public boolean intact() {
        return problem == null;
    }
}
