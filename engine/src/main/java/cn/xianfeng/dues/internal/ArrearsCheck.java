package cn.xianfeng.dues.internal;

import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Map;

/**
 * 党章第九条: a member who has paid nothing for six months in a row (before the current month, the months a
 * recorded reason covers not counting) becomes a 谈话 case for the branch secretary — once per run of unpaid
 * months, never while an earlier case of the member is open, never a silent status change.
 */
@Component
class ArrearsCheck {

    static final int MONTHS = 6;

    private final CollectionQueries queries;
    private final ArrearsFlags flags;
    private final Cases cases;
    private final TransactionTemplate transaction;
    private final String actor;

    ArrearsCheck(CollectionQueries queries, ArrearsFlags flags, Cases cases, PlatformTransactionManager transactions,
                 @Value("${xianfeng.dues.check-actor:admin}") String actor) {
        this.queries = queries;
        this.flags = flags;
        this.cases = cases;
        this.transaction = new TransactionTemplate(transactions);
        this.actor = actor;
    }

    /** Starts a case for each new run of six unpaid months as of {@code current}; returns how many. */
    int run(YearMonth current, Instant now) {
        int started = 0;
        for (CollectionQueries.Standing s : queries.standings("/", current)) {
            YearMonth start = runStart(s);
            int run = Months.between(start, current);
            if (run < MONTHS || flags.openCase(s.username())) {
                continue;
            }
            if (Boolean.TRUE.equals(transaction.execute(tx -> flag(s.username(), start, current, run, now)))) {
                started++;
            }
        }
        return started;
    }

    /** The first month of the unpaid run that ends with the month before the current one. */
    static YearMonth runStart(CollectionQueries.Standing s) {
        YearMonth start = s.owingFrom();
        if (s.lastPaid() != null && !s.lastPaid().plusMonths(1).isBefore(start)) {
            start = s.lastPaid().plusMonths(1);
        }
        if (s.excusedThrough() != null && !s.excusedThrough().plusMonths(1).isBefore(start)) {
            start = s.excusedThrough().plusMonths(1);
        }
        return start;
    }

    private boolean flag(String username, YearMonth start, YearMonth current, int run, Instant now) {
        if (!flags.raise(username, start, now)) {
            return false;
        }
        String caseId = cases.start(new StartCase("dues-arrears", null, Map.of("member", username,
                "firstUnpaid", start.toString(), "lastUnpaid", current.minusMonths(1).toString(),
                "unpaidMonths", run)), actor, Locale.SIMPLIFIED_CHINESE).id();
        flags.caseOf(username, start, caseId);
        return true;
    }
}
