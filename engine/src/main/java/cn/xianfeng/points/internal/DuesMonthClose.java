package cn.xianfeng.points.internal;

import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.TimeCheck;
import cn.xianfeng.dues.DuesCollection;
import cn.xianfeng.dues.DuesTypes.MonthRate;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Closes the last month's dues for each branch once: its collection rate then (members who paid the month / members
 * owing it, from the dues module) goes into the audit trail as POINTS_DUES_MONTH_CLOSED, which the derivation prices
 * (DUES_RATE) like any other event, so a rebuild finds the same rate. Runs every few hours on one node and whenever
 * the adjustable clock moves; one transaction per branch.
 */
@Component
public class DuesMonthClose implements TimeCheck {

    static final String ACTION = "POINTS_DUES_MONTH_CLOSED"; // AuditAction.POINTS_DUES_MONTH_CLOSED, as stored
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DuesMonthClose.class);

    private final Orgs orgs;
    private final DuesCollection dues;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DuesMonthClose(Orgs orgs, DuesCollection dues, AuditTrail audit, JdbcClient jdbc, TransactionTemplate transactions,
                   Clock clock) {
        this.orgs = orgs;
        this.dues = dues;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "points-dues-month";
    }

    @Override
    public int run() {
        // the rates are read as a superuser (the bootstrap administrator): every org's, whoever runs the check
        String reader = jdbc.sql("select username from person where superuser order by username limit 1")
                .query(String.class).optional().orElse(null);
        if (reader == null) {
            return 0;
        }
        YearMonth month = YearMonth.now(clock).minusMonths(1);
        int closed = 0;
        for (Org branch : orgs.all()) {
            if (branch.type() != OrgType.BRANCH) {
                continue;
            }
            try {
                if (Boolean.TRUE.equals(transactions.execute(s -> close(branch, month, reader)))) {
                    closed++;
                }
            } catch (RuntimeException e) {
                // one branch's failure leaves its month open for the next run and never stops the others
                LOG.warn("Dues month {} of branch {} not closed: {}", month, branch.code(), e.toString());
            }
        }
        return closed;
    }

    private boolean close(Org branch, YearMonth month, String reader) {
        int inserted = jdbc.sql("""
                        insert into points_dues_close (branch_code, month, closed_at) values (?, ?, ?)
                        on conflict do nothing""")
                .params(branch.code(), month.atDay(1), Timestamp.from(clock.instant())).update();
        if (inserted == 0) {
            return false;
        }
        MonthRate rate = dues.rates(branch.code(), month, month, reader).orgs().stream()
                .filter(o -> o.code().equals(branch.code())).findFirst().orElseThrow().months().get(0);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("month", month.toString());
        data.put("due", rate.due());
        data.put("paid", rate.paid());
        audit.record(new AuditEntry("system", branch.code(), cn.xianfeng.audit.AuditAction.POINTS_DUES_MONTH_CLOSED, null, null, null, data, null, null));
        return true;
    }

    @Scheduled(initialDelayString = "${xianfeng.points.dues-close-initial-delay:PT5M}",
            fixedDelayString = "${xianfeng.points.dues-close-interval:PT6H}")
    @SchedulerLock(name = "points-dues-month", lockAtLeastFor = "${xianfeng.points.dues-close-interval:PT6H}",
            lockAtMostFor = "${xianfeng.points.dues-close-interval:PT6H}")
    public void scheduled() {
        run();
    }
}
