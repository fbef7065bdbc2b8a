package cn.xianfeng.org;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import org.springframework.stereotype.Component;

import java.util.Arrays;

/**
 * The rules that keep the org tree from being a ladder: nobody raises their own rights, or a puppet's, through it.
 * An officer creates only orgs of lower types inside their subtree, hands on only roles of their own level or below,
 * only to full members of their own county, and never to themself; a status beyond applicant is registered only by
 * an organization department or administrator above. What the actor may not even see answers as unknown (404).
 */
@Component
class OrgRules {

    private final OrgAuthority authority;

    OrgRules(OrgAuthority authority) {
        this.authority = authority;
    }

    /** How far a role reaches; roles without a level of their own (branch roles added later) are branch level. */
    static int level(Role role) {
        return switch (role) {
            case ADMIN -> 4;
            case ORG_DEPARTMENT -> 3;
            case COMMITTEE_REVIEWER, AUDITOR, DISPATCHER -> 2;
            default -> 1;
        };
    }

    /** The officer roles whose holders may hand on {@code role}: their own level or above. */
    static Role[] grantors(Role role) {
        return Arrays.stream(Role.values()).filter(Role::isOfficer).filter(r -> level(r) >= level(role))
                .toArray(Role[]::new);
    }

    /** A new org of {@code type} under {@code parent}: the shape of the tree first (400), then the actor's reach (403). */
    void requireMayCreate(String actor, Org parent, OrgType type) {
        if (!parent.type().mayContain(type)) {
            throw InvalidInputException.of("type", Refusal.of("org.typeBelowParent"));
        }
        if (authority.isSuperuser(actor)) {
            return;
        }
        authority.requireManage(actor, parent.code());
        boolean reaches = authority.rolesAbove(actor, parent.code()).stream()
                .filter(h -> h.role().isOfficer())
                .anyMatch(h -> type.isBelow(h.orgType()) || type == OrgType.COMMITTEE && h.orgType() == OrgType.COMMITTEE
                        && (h.role() == Role.ADMIN || h.role() == Role.ORG_DEPARTMENT));
        if (!reaches) {
            throw new ForbiddenException(Refusal.of("org.createBelowOwn"));
        }
    }

    /** A status beyond applicant comes from the admission process, or from this audited registration. */
    void requireMayRegister(String actor, String orgCode, MemberStatus status) {
        if (status == MemberStatus.APPLICANT || authority.isSuperuser(actor)) {
            return;
        }
        if (!authority.holdsAbove(actor, orgCode, Role.ADMIN, Role.ORG_DEPARTMENT)) {
            throw new ForbiddenException(Refusal.of("org.registerNotAllowed"));
        }
    }

    /** The person and the org must be visible to the actor; otherwise they answer as unknown, like missing ones. */
    void requireVisible(String actor, Person person, String orgCode) {
        if (!mayReadPerson(actor, person)) {
            throw new NotFoundException(Refusal.of("common.personNotFound", person.username()));
        }
        if (orgCode != null && !authority.isSuperuser(actor) && !authority.mayRead(actor, orgCode)) {
            throw new NotFoundException(Refusal.of("common.orgNotFound", orgCode));
        }
    }

    boolean mayReadPerson(String actor, Person person) {
        return actor.equals(person.username()) || authority.isSuperuser(actor)
                || person.orgCode() != null && authority.mayRead(actor, person.orgCode());
    }

    /** Granting or revoking {@code role} in {@code org}. */
    void requireMayAssign(String actor, Person person, Role role, Org org, boolean granting) {
        if (authority.isSuperuser(actor)) {
            requireEligible(person, role, org, granting);
            return;
        }
        authority.requireManage(actor, org.code());
        if (actor.equals(person.username())) {
            throw new ForbiddenException(Refusal.of("org.ownRoles"));
        }
        if (!authority.holdsAbove(actor, org.code(), grantors(role))) {
            throw new ForbiddenException(Refusal.of("org.roleAboveOwn", Refusal.of("label.role." + role)));
        }
        requireEligible(person, role, org, granting);
    }

    /** Roles go to full members of the county the org belongs to (who then serve there). */
    private void requireEligible(Person person, Role role, Org org, boolean granting) {
        if (!granting) {
            return;
        }
        if (person.status() != MemberStatus.FULL) {
            throw InvalidInputException.of("username", Refusal.of("org.officeFullMembers"));
        }
        if (person.orgCode() == null || !authority.sameCounty(person.orgCode(), org.code())) {
            throw InvalidInputException.of("username", Refusal.of("org.grantInCounty"));
        }
    }

    /**
     * Taking over someone's account (resetting their password, changing their contact): the actor must be able to
     * manage their org and to hand on every role they hold — never an officer's own superior or peer elsewhere.
     */
    void requireOutranks(String actor, Person person) {
        if (actor.equals(person.username())) {
            throw new ForbiddenException(Refusal.of("org.ownPassword"));
        }
        if (!mayReadPerson(actor, person)) {
            throw new NotFoundException(Refusal.of("common.personNotFound", person.username()));
        }
        if (authority.isSuperuser(actor)) {
            return;
        }
        if (person.superuser() || person.orgCode() == null) {
            throw new ForbiddenException(Refusal.of("org.accountNotManaged"));
        }
        authority.requireManage(actor, person.orgCode());
        for (RoleGrant held : person.roles()) {
            if (!authority.holdsAbove(actor, held.orgCode(), grantors(held.role()))) {
                throw new ForbiddenException(Refusal.of("org.personOutOfScope"));
            }
        }
    }
}
