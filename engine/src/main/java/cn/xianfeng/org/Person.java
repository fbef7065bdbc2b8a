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

    /** The bootstrap superuser, or an ADMIN of any org: who may run the system's own operations. */
    public boolean administers() {
        return superuser || roles.stream().anyMatch(r -> r.role() == Role.ADMIN);
    }

    public boolean holds(Role role, String orgCode) {
        return roles.contains(new RoleGrant(role, orgCode));
    }
}
