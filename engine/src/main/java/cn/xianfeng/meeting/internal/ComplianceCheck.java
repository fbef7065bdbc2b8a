package cn.xianfeng.meeting.internal;

import cn.xianfeng.meeting.MeetingType;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds each branch that held no meeting of a type in the last period its frequency requires, flags it once
 * per period and starts a 补开/说明 case for its secretary. A branch is not checked for a period that began
 * before it existed, nor for group meetings when it has no groups ({@link ComplianceRule}, shared with the grid).
 */
@Component
public class ComplianceCheck implements cn.xianfeng.common.TimeCheck {

    private final Orgs orgs;
    private final ComplianceRule rule;
    private final MeetingRows rows;
    private final ComplianceFlags flags;
    private final Frequencies frequencies;
    private final Cases cases;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final String actor;

    ComplianceCheck(Orgs orgs, ComplianceRule rule, MeetingRows rows, ComplianceFlags flags, Frequencies frequencies, Cases cases,
                    Clock clock, PlatformTransactionManager transactions,
                    @Value("${xianfeng.meeting.compliance-actor:admin}") String actor) {
        this.orgs = orgs;
        this.rule = rule;
        this.rows = rows;
        this.flags = flags;
        this.frequencies = frequencies;
        this.cases = cases;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.actor = actor;
    }

    @Override
    public String name() {
        return "meeting-compliance";
    }

    /** Runs the check as of the application's clock; returns the number of new flags. */
    @Override
    public int run() {
        LocalDate today = LocalDate.now(clock);
        int raised = 0;
        for (Org branch : branches(orgs.all())) {
            ComplianceRule.Branch facts = rule.branch(branch);
            for (MeetingType type : MeetingType.values()) {
                Frequency.Period missed = frequencies.of(type).previous(today);
                if (!facts.owes(type, missed) || held(branch.code(), type, missed)) {
                    continue;
                }
                if (Boolean.TRUE.equals(transaction.execute(tx -> flag(branch, type, missed)))) {
                    raised++;
                }
            }
        }
        return raised;
    }

    static List<Org> branches(List<Org> all) {
        return all.stream().filter(o -> o.type() == OrgType.BRANCH || o.type() == OrgType.GENERAL_BRANCH).toList();
    }

    boolean held(String branch, MeetingType type, Frequency.Period period) {
        return rows.lastHeld(branch, type, period.end()).filter(d -> !d.isBefore(period.start())).isPresent();
    }

    private boolean flag(Org branch, MeetingType type, Frequency.Period missed) {
        if (!flags.raise(branch.code(), type, missed.key(), missed.end(), clock.instant())) {
            return false;
        }
        Map<String, Object> data = new HashMap<>();
        data.put("orgCode", branch.code());
        data.put("type", type.name());
        data.put("period", missed.key());
        rows.lastHeld(branch.code(), type, missed.end()).ifPresent(d -> data.put("lastHeld", d.toString()));
        String caseId = cases.start(new StartCase("meeting-compliance", null, data), actor, Locale.SIMPLIFIED_CHINESE).id();
        flags.caseOf(branch.code(), type, missed.key(), caseId);
        return true;
    }
}
