package cn.xianfeng.meeting.internal;

import cn.xianfeng.meeting.MeetingType;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Whether a branch owes a meeting of a type for a period: the one rule the compliance check (which flags) and the
 * compliance grid (which shows) both ask, so they cannot disagree. A branch owes nothing for a period that began
 * before it existed, and no group meetings at all while it has no groups.
 */
@Component
public class ComplianceRule {

    private final Orgs orgs;
    private final ComplianceFlags flags;
    private final Clock clock;

    ComplianceRule(Orgs orgs, ComplianceFlags flags, Clock clock) {
        this.orgs = orgs;
        this.flags = flags;
        this.clock = clock;
    }

    /** The facts about one branch the rule needs, read once per branch. */
    public Branch branch(Org branch) {
        return new Branch(branch.code(), LocalDate.ofInstant(flags.orgCreated(branch.code()), clock.getZone()),
                orgs.children(branch.code()).stream().anyMatch(o -> o.type() == OrgType.GROUP));
    }

    public record Branch(String code, LocalDate created, boolean hasGroups) {

        /** A type the branch holds at all: group meetings only with groups. */
        public boolean holds(MeetingType type) {
            return type != MeetingType.GROUP || hasGroups;
        }

        /** Whether a meeting of the type was owed in the period. */
        public boolean owes(MeetingType type, Frequency.Period period) {
            return holds(type) && !created.isAfter(period.start());
        }
    }
}
