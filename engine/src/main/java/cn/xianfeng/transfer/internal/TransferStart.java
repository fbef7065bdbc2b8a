package cn.xianfeng.transfer.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who may apply for whom, and where to: the member or their branch's secretary; members (full or probationary)
 * only; one open transfer each; a destination branch other than their own, or a named org outside Xianfeng.
 * The kind of move is derived from the tree when not given, and must agree with it when given.
 */
@Component
class TransferStart {

    static final String WITHIN_COMMITTEE = "WITHIN_COMMITTEE";
    static final String WITHIN_PROVINCE = "WITHIN_PROVINCE";
    static final String OUTSIDE = "OUTSIDE_XIANFENG";

    private final People people;
    private final Orgs orgs;
    private final OrgAuthority authority;
    private final TransferCases cases;

    TransferStart(People people, Orgs orgs, OrgAuthority authority, TransferCases cases) {
        this.people = people;
        this.orgs = orgs;
        this.authority = authority;
        this.cases = cases;
    }

    Map<String, Object> check(Map<String, Object> values, String actor) {
        String username = values.get("member") instanceof String named ? named : actor;
        Person member = people.find(username)
                .orElseThrow(() -> InvalidInputException.of("data.member", Refusal.of("common.personNotFound", username)));
        Org from = orgs.branchOf(member.orgCode());
        if (!actor.equals(username) && !authority.isSuperuser(actor)
                && !authority.holdsAbove(actor, from.code(), Role.SECRETARY)) {
            throw new ForbiddenException(Refusal.of("transfer.onlyMemberOrSecretary"));
        }
        if (member.status() != MemberStatus.FULL && member.status() != MemberStatus.PROBATIONARY) {
            throw new ConflictException(Refusal.of("transfer.membersOnly", member.name(), Refusal.of("label.status." + member.status())));
        }
        if (cases.hasOpen(username)) {
            throw new ConflictException(Refusal.of("transfer.caseOpenFor", member.name()));
        }
        Map<String, Object> out = new HashMap<>();
        String kind = values.get("moveKind") instanceof String k ? k : null;
        if (OUTSIDE.equals(kind)) {
            out.put("toOrgName", values.get("toOrgName"));
        } else {
            Org to = destination(values.get("toOrgCode"), from);
            boolean sameCommittee = Objects.equals(orgs.committeeAbove(from.code()).map(Org::code).orElse(null),
                    orgs.committeeAbove(to.code()).map(Org::code).orElse(null));
            if (kind == null) {
                kind = sameCommittee ? WITHIN_COMMITTEE : WITHIN_PROVINCE;
            } else if (sameCommittee != WITHIN_COMMITTEE.equals(kind)) {
                throw InvalidInputException.of("data.moveKind", Refusal.of(sameCommittee
                        ? "transfer.chooseWithinCommittee" : "transfer.notWithinCommittee"));
            }
            out.put("toOrgCode", to.code());
            out.put("toOrgName", to.name());
        }
        out.put("moveKind", kind);
        out.put("member", username);
        out.put("orgCode", from.code());
        out.put("subjectPerson", username);
        out.put("subjectName", member.name() + " → " + out.get("toOrgName")); // who goes where
        return out;
    }

    private Org destination(Object code, Org from) {
        if (!(code instanceof String c) || c.isBlank()) {
            throw InvalidInputException.of("data.toOrgCode", Refusal.of("transfer.toOrgRequired"));
        }
        Org to = orgs.find(c).orElseThrow(() -> InvalidInputException.of("data.toOrgCode", Refusal.of("common.orgNotFound", c)));
        if (to.type() != OrgType.BRANCH) {
            throw InvalidInputException.of("data.toOrgCode", Refusal.of("transfer.toBranchOnly", to.name()));
        }
        if (to.code().equals(from.code())) {
            throw InvalidInputException.of("data.toOrgCode", Refusal.of("transfer.sameBranch"));
        }
        return to;
    }
}
