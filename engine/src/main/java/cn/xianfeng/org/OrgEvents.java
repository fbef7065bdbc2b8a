package cn.xianfeng.org;

/** Past-tense facts the org module publishes for other modules. */
public final class OrgEvents {

    private OrgEvents() {
    }

    public record MemberStatusChanged(String username, MemberStatus from, MemberStatus to, String caseId, String actor) {
    }

    public record MemberMoved(String username, String fromOrg, String toOrg, String caseId, String actor) {
    }
}
