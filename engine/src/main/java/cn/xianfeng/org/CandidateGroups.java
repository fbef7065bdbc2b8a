package cn.xianfeng.org;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.NotFoundException;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Candidate groups for BPMN expressions, resolved from the org that owns a case:
 * {@code ${groups.of('SECRETARY', orgCode)}} or {@code ${groups.committee('COMMITTEE_REVIEWER', orgCode)}}.
 * Also answers "which people hold role R for the org that owns this case".
 */
@Component("groups")
public class CandidateGroups {

    private final Orgs orgs;
    private final People people;

    CandidateGroups(Orgs orgs, People people) {
        this.orgs = orgs;
        this.people = people;
    }

    /** The group of a role held in the case's own org (a branch step). */
    public String of(String role, String orgCode) {
        return RoleGrant.group(Role.valueOf(role), orgs.get(orgCode).code());
    }

    /** The group of a role held in the branch the case's org belongs to (a group's members answer to its branch). */
    public String branch(String role, String orgCode) {
        Org org = orgs.get(orgCode);
        while (org.type() == OrgType.GROUP && org.parentCode() != null) {
            org = orgs.get(org.parentCode());
        }
        return RoleGrant.group(Role.valueOf(role), org.code());
    }

    /** The group of a role held in the higher committee of the case's org (备案, 预审, 审批). */
    public String committee(String role, String orgCode) {
        return RoleGrant.group(Role.valueOf(role), higherCommittee(orgCode));
    }

    /**
     * The group of a role in the committee above the higher committee (再上一级党委组织部门); where the higher
     * committee is the top of the tree, that committee itself.
     */
    public String committeeAboveCommittee(String role, String orgCode) {
        String higher = higherCommittee(orgCode);
        return RoleGrant.group(Role.valueOf(role), orgs.committeeAbove(higher).map(Org::code).orElse(higher));
    }

    public List<Person> holders(String role, String orgCode) {
        return people.holders(Role.valueOf(role), orgCode);
    }

    private String higherCommittee(String orgCode) {
        return orgs.committeeAbove(orgCode).map(Org::code)
                .orElseThrow(() -> new NotFoundException(Refusal.of("org.noParentCommittee", orgCode)));
    }
}
