package cn.xianfeng.dues;

import cn.xianfeng.TestCounty;
import cn.xianfeng.TestDues;
import cn.xianfeng.dues.DuesTypes.NewPayment;
import cn.xianfeng.dues.DuesTypes.Recorded;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.EngineTime;
import cn.xianfeng.workflow.Tasks;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dues on a real engine and PostgreSQL with the adjustable clock, in a context of its own (the six-month test moves
 * the clock half a year). Members are made fresh per test in the test county's K-T-B1, whose secretary is sec1.
 */
@SpringBootTest(properties = {"xianfeng.clock.adjustable=true", "flowable.async-executor-activate=false",
        "xianfeng.dues.reminder-day=10", "xianfeng.dues.check-initial-delay=P1D"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
abstract class DuesTestSupport {

    static final AtomicInteger counter = new AtomicInteger();
    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    @Autowired DuesBases bases;
    @Autowired DuesLedger ledger;
    @Autowired DuesCollection collection;
    @Autowired DuesImport imports;
    @Autowired DuesReminders reminders;
    @Autowired People people;
    @Autowired Orgs orgs;
    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired EngineTime time;
    @Autowired Clock clock;
    @Autowired Documents documents;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void county() {
        TestCounty.create(orgs, people);
    }

    /** A new full member of K-T-B1 (or the given org), without dues. */
    String member(String org) {
        String username = "dm" + counter.incrementAndGet();
        people.create(new NewPerson(username, "党费党员" + counter.get(), LocalDate.of(1980, 1, 1), org, MemberStatus.FULL,
                LocalDate.of(2005, 7, 1), TestCounty.PASSWORD), "admin");
        return username;
    }

    String member() {
        return member("K-T-B1");
    }

    YearMonth now() {
        return YearMonth.now(clock);
    }

    String today() {
        return LocalDate.now(clock).toString();
    }

    /** A member with a confirmed 4,000-yuan employee base (40 yuan a month) from {@code from}. */
    String withBase(YearMonth from) {
        String m = member();
        TestDues.base(bases, m, from);
        return m;
    }

    Recorded pay(String username, String actor, YearMonth... months) {
        return ledger.record(new NewPayment(username, java.util.Arrays.stream(months).map(YearMonth::toString).toList(),
                TestDues.STANDARD_FEN * months.length, today()), actor);
    }

    long payments(String username) {
        return jdbc.sql("select count(*) from dues_payment where username = ?").param(username).query(Long.class).single();
    }

    /** The audit events of an action about a member (dues events are not a case's: they sit on the system chain). */
    List<cn.xianfeng.audit.AuditEvent> events(cn.xianfeng.audit.AuditTrail audit, String action, String username) {
        return jdbc.sql("select id from audit_event where action = ? and data->>'username' = ? order by id")
                .params(action, username).query(Long.class).list().stream().map(id -> audit.find(id).orElseThrow())
                .toList();
    }

    List<String> paidMonths(String username) {
        return jdbc.sql("select to_char(month, 'YYYY-MM') from dues_paid_month where username = ? order by month")
                .param(username).query(String.class).list();
    }
}
