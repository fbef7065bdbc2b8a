package cn.xianfeng;

import cn.xianfeng.dues.DuesBases;
import cn.xianfeng.dues.DuesLedger;
import cn.xianfeng.dues.DuesTypes.BaseDeclaration;
import cn.xianfeng.dues.DuesTypes.MemberDues;
import cn.xianfeng.dues.DuesTypes.NewPayment;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** Dues for engine tests: a confirmed base (an employee's 4,000 yuan: 40 yuan a month) and payments up to a month. */
public final class TestDues {

    public static final long BASE_FEN = 400_000;
    public static final long STANDARD_FEN = 4_000;

    private TestDues() {
    }

    /** A confirmed base from {@code from}, declared by the bootstrap administrator. */
    public static void base(DuesBases bases, String username, YearMonth from) {
        bases.declare(username, new BaseDeclaration("EMPLOYEE", BASE_FEN, null, from.toString()), "admin");
    }

    /** Pays every month from the first unpaid one through {@code until}; nothing when already paid that far. */
    public static void payUntil(DuesLedger ledger, String username, YearMonth until, Clock clock) {
        MemberDues d = ledger.member(username, "admin");
        if (d.firstUnpaid() == null) {
            throw new IllegalStateException(username + " has no confirmed base");
        }
        List<String> months = new ArrayList<>();
        for (YearMonth m = YearMonth.parse(d.firstUnpaid()); !m.isAfter(until); m = m.plusMonths(1)) {
            months.add(m.toString());
        }
        if (!months.isEmpty()) {
            ledger.record(new NewPayment(username, months, STANDARD_FEN * months.size(), LocalDate.now(clock).toString()),
                    "admin");
        }
    }

    /** A base from this month, paid for this month: the member may transfer. */
    public static void paidUp(DuesBases bases, DuesLedger ledger, String username, Clock clock) {
        YearMonth now = YearMonth.now(clock);
        base(bases, username, now);
        payUntil(ledger, username, now, clock);
    }
}
