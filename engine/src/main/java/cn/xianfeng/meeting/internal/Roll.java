package cn.xianfeng.meeting.internal;

import cn.xianfeng.meeting.MeetingType;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is expected at a meeting: a branch committee meeting expects the branch's secretary and committee members;
 * every other type the party members (full and probationary) of the org's subtree. Only full members vote.
 */
@Component
class Roll {

    private final Orgs orgs;
    private final People people;

    Roll(Orgs orgs, People people) {
        this.orgs = orgs;
        this.people = people;
    }

    List<Person> of(String orgCode, MeetingType type) {
        Map<String, Person> expected = new LinkedHashMap<>();
        if (type == MeetingType.BRANCH_COMMITTEE) {
            String branch = orgs.branchOf(orgCode).code();
            for (Role role : new Role[]{Role.SECRETARY, Role.BRANCH_COMMITTEE}) {
                people.holders(role, branch).forEach(p -> expected.putIfAbsent(p.username(), p));
            }
            return List.copyOf(expected.values());
        }
        for (Org org : orgs.subtree(orgCode)) {
            people.membersOf(org.code()).stream().filter(Roll::isMember)
                    .forEach(p -> expected.putIfAbsent(p.username(), p));
        }
        return List.copyOf(expected.values());
    }

    static boolean isMember(Person p) {
        return p.status() == MemberStatus.FULL || p.status() == MemberStatus.PROBATIONARY;
    }
}
