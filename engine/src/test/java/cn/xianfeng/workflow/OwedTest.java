package cn.xianfeng.workflow;

import cn.xianfeng.TestCounty;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import cn.xianfeng.org.OrgAuthority;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who owes what over an org subtree: owners through roles, overdue counts, per child org, and who may look. */
@SpringBootTest(properties = {"xianfeng.clock.adjustable=true", "flowable.async-executor-activate=false"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class OwedTest {

    @Autowired Cases cases;
    @Autowired Owed owed;
    @Autowired People people;
    @Autowired Orgs orgs;
    @Autowired EngineTime time;
    @Autowired Clock clock;
    @Autowired JdbcClient jdbc;
    @Autowired cn.xianfeng.cluster.Generations generations;
    @Autowired OrgAuthority authority;
    @Autowired PlatformTransactionManager transactions;

    private String report(String by) {
        return cases.start(new StartCase("report", "欠办测试", Map.of("title", "学习情况", "content", "已完成",
                "reportDate", LocalDate.now(clock).minusDays(1).toString())), by, Locale.CHINA).id();
    }

    @Test
    void eachSecretaryOwesTheirBranchesReviewsAndOverdueShowsAfterTheDueDate() {
        TestCounty.create(orgs, people);
        if (people.find("b2member").isEmpty()) {
            people.create(new NewPerson("b2member", "二支部党员", LocalDate.of(1990, 1, 1), "K-T-B2", MemberStatus.FULL,
                    null, TestCounty.PASSWORD), "admin");
        }
        Owed.View before = owed.of("K-T", "auditor");
        String b1 = report("member1");
        String b2 = report("b2member");

        Owed.View view = owed.of("K-T", "auditor");
        assertThat(view.totals().open()).isEqualTo(before.totals().open() + 2);
        assertThat(view.people()).filteredOn(p -> p.username().equals("sec1")).singleElement()
                .satisfies(p -> assertThat(allTasks("K-T", p)).anyMatch(t -> t.caseId().equals(b1)).noneMatch(t -> t.caseId().equals(b2)));
        assertThat(view.people()).filteredOn(p -> p.username().equals("sec2")).singleElement()
                .satisfies(p -> assertThat(allTasks("K-T", p)).anyMatch(t -> t.caseId().equals(b2)));
        assertThat(view.orgs()).extracting(Owed.OrgOwes::code).contains("K-T-B1", "K-T-B2");

        time.moveTo(clock.instant().plus(Duration.ofDays(8)));
        Owed.View late = owed.of("K-T-B1", "sec1");
        assertThat(late.people()).filteredOn(p -> p.username().equals("sec1")).singleElement()
                .satisfies(p -> assertThat(p.overdue()).isPositive());
        assertThat(late.totals().overdue()).isPositive();
        assertThat(late.people()).noneMatch(p -> allTasks("K-T-B1", p).stream().anyMatch(t -> t.caseId().equals(b2)));

        // large subtrees are planned per call (custom plans), small ones by a plan kept for all: the same answers
        Owed plannedPerCall = new Owed(jdbc, orgs, authority, clock, generations, 0);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.setReadOnly(true);
        for (String org : new String[] {"K", "K-T", "K-T-B1"}) {
            Owed.View perCall = tx.execute(s -> plannedPerCall.of(org, "auditor"));
            assertThat(perCall).isEqualTo(owed.of(org, "auditor"));
        }
    }

    /** The view lists a person's oldest tasks; the rest come page by page, and the pages add up to their count. */
    private java.util.List<Owed.OwedTask> allTasks(String org, Owed.PersonOwes person) {
        java.util.List<Owed.OwedTask> all = new java.util.ArrayList<>();
        for (int page = 0; (long) page * Owed.MAX_PAGE < person.open(); page++) {
            all.addAll(owed.tasks(org, person.username(), "auditor", page, Owed.MAX_PAGE).items());
        }
        assertThat(all).hasSize((int) person.open()).startsWith(person.tasks().toArray(Owed.OwedTask[]::new));
        return all;
    }

    @Test
    void onlyPeopleWhoMayReadTheOrgSeeIt() {
        TestCounty.create(orgs, people);
        assertThatThrownBy(() -> owed.of("K-T-B1", "sec2")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> owed.of("K-T", "member1")).isInstanceOf(NotFoundException.class);
        assertThat(owed.of("K-T-B1", "sec1").org()).isEqualTo("K-T-B1");
    }
}
