package cn.xianfeng.admission.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Contacts and introducers must be distinct full members of the applicant's branch (its groups included). */
@Component
class MemberChecks {

    private final People people;
    private final Orgs orgs;

    MemberChecks(People people, Orgs orgs) {
        this.people = people;
        this.orgs = orgs;
    }

    void requireFullMembersOfBranch(String field, List<?> usernames, String applicant, String branchCode) {
        Set<String> seen = new HashSet<>();
        for (Object o : usernames) {
            String username = String.valueOf(o);
            Person p = people.find(username).orElse(null);
            if (!seen.add(username)) {
                throw InvalidInputException.of("data." + field, Refusal.of("admission.duplicate", username));
            }
            if (username.equals(applicant)) {
                throw InvalidInputException.of("data." + field, Refusal.of("admission.notTheApplicant"));
            }
            if (p == null || p.status() != MemberStatus.FULL) {
                throw InvalidInputException.of("data." + field, Refusal.of("admission.fullMemberOnly", username));
            }
            if (p.orgCode() == null || !orgs.isWithin(p.orgCode(), branchCode)) {
                throw InvalidInputException.of("data." + field, Refusal.of("admission.sameBranch", username));
            }
        }
    }
}
