package cn.xianfeng.dues.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import org.springframework.stereotype.Component;

/**
 * Who may do what with a member's dues. A member sees only their own; collectors (the branch's secretary or a
 * DUES_COLLECTOR of the branch, and administrators above) see and record their branch's; committees, reviewers
 * and auditors read their subtree. The base is confirmed by a secretary or officer above the member, never by
 * the member themself. Someone who may not see a member is told it does not exist (404).
 */
@Component
public class DuesAccess {

    private final People people;
    private final OrgAuthority authority;

    DuesAccess(People people, OrgAuthority authority) {
        this.people = people;
        this.authority = authority;
    }

    public boolean mayCollect(String actor, String orgCode) {
        return orgCode != null && (authority.isSuperuser(actor)
                || authority.holdsAbove(actor, orgCode, Role.SECRETARY, Role.DUES_COLLECTOR, Role.ADMIN));
    }

    /** Reads an org's dues: officers, reviewers and auditors of its subtree, and its collectors. */
    public boolean mayReadOrg(String actor, String orgCode) {
        return authority.mayRead(actor, orgCode) || authority.holdsAbove(actor, orgCode, Role.DUES_COLLECTOR);
    }

    public boolean mayConfirmFor(String actor, Person member) {
        return !actor.equals(member.username()) && member.orgCode() != null && (authority.isSuperuser(actor)
                || authority.holdsAbove(actor, member.orgCode(), Role.SECRETARY, Role.ORG_DEPARTMENT, Role.ADMIN));
    }

    /** Anyone who does or might hold a collector's role somewhere: who may upload a statement at all. */
    public boolean collectsSomewhere(String actor) {
        return people.find(actor).map(p -> p.superuser() || p.roles().stream().anyMatch(r ->
                r.role() == Role.SECRETARY || r.role() == Role.DUES_COLLECTOR || r.role() == Role.ADMIN)).orElse(false);
    }

    /** The member, if the viewer may see their dues; 404 otherwise. */
    public Person visible(String username, String viewer) {
        Person member = username == null ? null : people.find(username).orElse(null);
        if (member == null || !(viewer.equals(username) || member.orgCode() != null
                && (mayReadOrg(viewer, member.orgCode()) || mayCollect(viewer, member.orgCode())))) {
            throw new NotFoundException(Refusal.of("common.personNotFound", username));
        }
        return member;
    }

    /** The member, if the actor may record their dues; 404 if not visible, 403 if visible only. */
    public Person collectable(String username, String actor) {
        Person member = visible(username, actor);
        if (!mayCollect(actor, member.orgCode())) {
            throw new ForbiddenException(Refusal.of("dues.recordNotAllowed"));
        }
        return member;
    }

    public Person confirmable(String username, String actor) {
        Person member = visible(username, actor);
        if (!mayConfirmFor(actor, member)) {
            throw new ForbiddenException(Refusal.of(actor.equals(username) ? "dues.ownBaseBySecretary"
                    : "dues.confirmNotAllowed"));
        }
        return member;
    }
}
