package cn.xianfeng.portal.demo;

import cn.xianfeng.dues.DuesBases;
import cn.xianfeng.dues.DuesLedger;
import cn.xianfeng.dues.DuesTypes.BaseDeclaration;
import cn.xianfeng.dues.DuesTypes.NewPayment;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * A year of dues in the demo county, after the demo people and the transfer demo: bases declared from eleven months
 * ago and confirmed, payments by half-year or year with receipts, and some arrears (赵六 two months, 吴九 three,
 * 孙七 five: one month short of the six-month 谈话). 李四 collects for 城关社区党支部 (DUES_COLLECTOR). Loaded once.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "xianfeng.demo", havingValue = "true", matchIfMissing = true)
class DuesDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DuesDemo.class);

    private final People people;
    private final DuesBases bases;
    private final DuesLedger ledger;
    private final Clock clock;

    DuesDemo(People people, DuesBases bases, DuesLedger ledger, Clock clock) {
        this.people = people;
        this.bases = bases;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** A member's base and the payments that cover months {@code [from, to]} relative to the current one. */
    private record History(String username, String category, long baseFen, Long fixedFen, String collector,
                           int[][] payments) {
    }

    // half-yearly and yearly payments, as many members pay: a year of history with eight receipts to issue at start
    static final List<History> HISTORY = List.of(
            new History("zhangsan", "EMPLOYEE", 650_000, null, "lisi", new int[][]{{-11, -6}, {-5, 0}}),
            new History("lisi", "EMPLOYEE", 420_000, null, "zhangsan", new int[][]{{-11, -1}}),
            new History("zhaoliu", "RETIREE", 380_000, null, "lisi", new int[][]{{-11, -3}}),
            new History("sunqi", "UNEMPLOYED", 0, 100L, "lisi", new int[][]{{-11, -6}}),
            new History("qianshi", "EMPLOYEE", 520_000, null, "lisi", new int[][]{{-11, 0}}),
            new History("wujiu", "EMPLOYEE", 580_000, null, "wujiu", new int[][]{{-11, -4}}),
            new History("zhengshi", "EMPLOYEE", 300_000, null, "zhengshi", new int[][]{{-11, 0}}));

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (people.find("lisi").isEmpty() || people.find("qianshi").isEmpty()
                || !ledger.member("zhangsan", "admin").declarations().isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        people.grant("lisi", Role.DUES_COLLECTOR, "C01-T1-B1", "admin");
        YearMonth now = YearMonth.now(clock);
        LocalDate today = LocalDate.now(clock);
        int receipts = 0;
        for (History h : HISTORY) {
            // the county's administrator declares for the secretaries, whose own base they cannot confirm
            String declarer = h.username().equals("zhangsan") || h.username().equals("wujiu")
                    || h.username().equals("zhengshi") ? "heming" : "zhangsan";
            bases.declare(h.username(), new BaseDeclaration(h.category(), h.baseFen(), h.fixedFen(),
                    now.minusMonths(11).toString()), declarer);
            for (int[] span : h.payments()) {
                List<String> months = new ArrayList<>();
                for (int i = span[0]; i <= span[1]; i++) {
                    months.add(now.plusMonths(i).toString());
                }
                LocalDate paidOn = now.plusMonths(span[0]).atDay(Math.min(5 + receipts % 20, 28));
                var next = ledger.next(h.username(), months.size(), (paidOn.isAfter(today) ? today : paidOn).toString(),
                        h.collector());
                ledger.record(new NewPayment(h.username(), next.months(), next.amountFen(), next.paidOn()), h.collector());
                receipts++;
            }
        }
        log.info("Demo dues loaded: {} members with a year of history, {} payments with receipts, in {} ms",
                HISTORY.size(), receipts, (System.nanoTime() - started) / 1_000_000);
    }
}
