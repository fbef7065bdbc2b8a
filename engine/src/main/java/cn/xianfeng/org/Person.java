package cn.xianfeng.org;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A person known to Xianfeng: a member (or applicant) of an org, maybe holding roles in orgs. */
public record Person(String username, String name, LocalDate birthDate, String orgCode, MemberStatus status,
                     LocalDate joinedDate, boolean superuser, List<RoleGrant> roles) {

    public Set<String> groups() {
        return roles.stream().map(RoleGrant::group).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Who may run the system's own, global operations (rebuilding the search index, history retention, the test
     * clock, everyone's read log): the bootstrap superuser only. An ADMIN role is held in an org and reaches only
     * that org's subtree (see {@link OrgAuthority}), wherever the org sits in the tree.
     */
    public boolean administers() {
        return superuser;
    }

    public boolean holds(Role role, String orgCode) {
        return roles.contains(new RoleGrant(role, orgCode));
    }
}
