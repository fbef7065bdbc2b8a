package cn.xianfeng.workflow.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.internal.CaseRecords.CaseRecord;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Who may be handed a step. A step held through a role (its candidate groups {@code ROLE@ORG}) may be transferred
 * to, or co-signed by, anyone who holds a role that stands in for it in that org or an org above it — checked
 * through role grants in the org tree, as the step's own candidates are. The branch's leadership stand in for each
 * other (a branch has one secretary; its committee members stand in), so do a committee's reviewers and its
 * organization department. A delegate (委派) is any party member of the owner's own org subtree. Nobody is handed
 * a step of a case they started or that is about them: they would approve themselves.
 */
@Component
public class StepHolders {

    private static final Set<Role> BRANCH_LEADERSHIP = EnumSet.of(Role.SECRETARY, Role.BRANCH_COMMITTEE);
    private static final Set<Role> COMMITTEE_OFFICE = EnumSet.of(Role.COMMITTEE_REVIEWER, Role.ORG_DEPARTMENT);
    private static final Map<Role, Set<Role>> STANDS_IN = Map.of(
            Role.SECRETARY, BRANCH_LEADERSHIP, Role.BRANCH_COMMITTEE, BRANCH_LEADERSHIP,
            Role.COMMITTEE_REVIEWER, COMMITTEE_OFFICE, Role.ORG_DEPARTMENT, COMMITTEE_OFFICE,
            Role.DISPATCHER, EnumSet.of(Role.DISPATCHER));
    private static final Set<MemberStatus> PARTY_MEMBERS = EnumSet.of(MemberStatus.FULL, MemberStatus.PROBATIONARY);

    private final OrgAuthority authority;
    private final People people;
    private final Orgs orgs;

    StepHolders(OrgAuthority authority, People people, Orgs orgs) {
        this.authority = authority;
        this.people = people;
        this.orgs = orgs;
    }

    /** A step held through a role; a step the model gives to one named person (the applicant's forms) is not. */
    public boolean heldThroughRole(Task task) {
        return task.getIdentityLinks().stream().anyMatch(l -> "candidate".equals(l.getType())
                && l.getGroupId() != null && role(l.getGroupId()) != null);
    }

    /** Whether the person could hold the step: a standing-in role in one of its groups' orgs or above. */
    public boolean couldHold(Task task, String username) {
        for (var link : task.getIdentityLinks()) {
            if (!"candidate".equals(link.getType()) || link.getGroupId() == null) {
                continue;
            }
            Role role = role(link.getGroupId());
            Set<Role> standIns = role == null ? null : STANDS_IN.get(role);
            String org = link.getGroupId().substring(link.getGroupId().indexOf('@') + 1);
            if (standIns != null && orgs.find(org).isPresent()
                    && authority.holdsAbove(username, org, standIns.toArray(Role[]::new))) {
                return true;
            }
        }
        return false;
    }

    /** A new owner or co-signer of the step: 400 on {@code field}, naming why, when they may not be. */
    public Person requireHolder(Task task, CaseRecord record, String username, String actor, String field) {
        Person person = requirePerson(username, field);
        requireNotOwnCase(record, person, field);
        if (username.equals(actor) || username.equals(task.getAssignee())) {
            throw InvalidInputException.of(field, Refusal.of("workflow.alreadyHolder", person.name()));
        }
        if (!couldHold(task, username)) {
            throw InvalidInputException.of(field, Refusal.of("workflow.holderNoRole", person.name()));
        }
        return person;
    }

    /** A delegate: a party member of the owner's own org or below it. */
    public Person requireDelegate(CaseRecord record, String username, String owner, String field) {
        Person person = requirePerson(username, field);
        if (username.equals(owner)) {
            throw InvalidInputException.of(field, Refusal.of("workflow.delegateSelf"));
        }
        requireNotOwnCase(record, person, field);
        String ownerOrg = people.find(owner).map(Person::orgCode).orElse(null);
        if (ownerOrg == null || person.orgCode() == null || !orgs.isWithin(person.orgCode(), ownerOrg)) {
            throw InvalidInputException.of(field, Refusal.of("workflow.delegateOutside", person.name()));
        }
        if (!PARTY_MEMBERS.contains(person.status())) {
            throw InvalidInputException.of(field, Refusal.of("workflow.delegateMembersOnly", person.name()));
        }
        return person;
    }

    private Person requirePerson(String username, String field) {
        if (username == null || username.isBlank()) {
            throw InvalidInputException.of(field, Refusal.of("workflow.personRequired"));
        }
        Person person = people.find(username.strip())
                .orElseThrow(() -> InvalidInputException.of(field, Refusal.of("workflow.personNotFound", username.strip())));
        if (person.status() != null && !PARTY_MEMBERS.contains(person.status())
                && person.status() != MemberStatus.APPLICANT && person.status() != MemberStatus.ACTIVIST
                && person.status() != MemberStatus.CANDIDATE) {
            throw InvalidInputException.of(field, Refusal.of("workflow.personInactive", person.name()));
        }
        return person;
    }

    private static void requireNotOwnCase(CaseRecord record, Person person, String field) {
        if (person.username().equals(record.starter()) || person.username().equals(record.subjectPerson())) {
            throw InvalidInputException.of(field, Refusal.of("workflow.holderIsParty", person.name()));
        }
    }

    private static Role role(String group) {
        int at = group.indexOf('@');
        if (at < 0) {
            return null;
        }
        try {
            return Role.valueOf(group.substring(0, at));
        } catch (IllegalArgumentException notARole) {
            return null;
        }
    }
}
