package cn.xianfeng.dues.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.workflow.StepRules;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The 谈话 case's rules: started by the time check alone (as the administrator), owned by the member's branch;
 * "paid" only when the ledger shows the months paid; a reason accepted is recorded so that the months it covers
 * no longer count toward six in a row (they are still owed).
 */
@Component
class ArrearsRules implements StepRules {

    private final People people;
    private final Orgs orgs;
    private final OrgAuthority authority;
    private final Ledgers ledgers;
    private final ArrearsFlags flags;
    private final Clock clock;

    ArrearsRules(People people, Orgs orgs, OrgAuthority authority, Ledgers ledgers, ArrearsFlags flags, Clock clock) {
        this.people = people;
        this.orgs = orgs;
        this.authority = authority;
        this.ledgers = ledgers;
        this.flags = flags;
        this.clock = clock;
    }

    @Override
    public String process() {
        return "dues-arrears";
    }

    @Override
    public Map<String, Object> beforeStart(Map<String, Object> values, String actor) {
        if (!authority.isSuperuser(actor)) {
            throw new ForbiddenException(Refusal.of("dues.talkBySystem"));
        }
        Person member = people.get((String) values.get("member"));
        return Map.of("orgCode", orgs.branchOf(member.orgCode()).code(), "subjectPerson", member.username(),
                "subjectName", member.name() + " " + values.get("firstUnpaid") + " 起党费未交");
    }

    @Override
    public Map<String, Object> beforeComplete(Step step, Map<String, Object> values, String actor) {
        if ("talk".equals(step.stepId()) && "PAID".equals(values.get("outcome"))) {
            String member = (String) step.variable("member");
            YearMonth first = YearMonth.parse(step.variable("firstUnpaid").toString());
            YearMonth last = YearMonth.parse(step.variable("lastUnpaid").toString());
            Timeline t = ledgers.of(member);
            List<YearMonth> unpaid = Months.range(first, last).stream().filter(m -> !t.isPaid(m)).toList();
            if (!unpaid.isEmpty()) {
                throw new ConflictException(Refusal.of("dues.unpaidMonths", unpaid.get(0), String.valueOf(unpaid.size())));
            }
        }
        return Map.of();
    }

    @Override
    public void completed(Step step, Map<String, Object> values, String actor) {
        if ("talk".equals(step.stepId()) && "REASON_ACCEPTED".equals(values.get("outcome"))) {
            YearMonth last = YearMonth.parse(step.variable("lastUnpaid").toString());
            YearMonth beforeTalk = YearMonth.now(clock).minusMonths(1);
            flags.excuse((String) step.variable("member"), beforeTalk.isAfter(last) ? beforeTalk : last, step.caseId(),
                    String.valueOf(values.get("reason")), actor, clock.instant());
        }
    }
}
