package cn.xianfeng.dues;

import cn.xianfeng.common.ConflictException;
import cn.xianfeng.notice.Notices;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The six-month rule and the monthly notice, driven the way a test or demo drives time: moving the adjustable
 * clock (EngineTime.moveTo), which runs the dues time check (DuesTimeRules.check) as of the new time.
 */
class DuesArrearsTest extends DuesTestSupport {

    @Autowired TaskService flowableTasks;
    @Autowired Notices notices;

    /** The 谈话 tasks of a member's cases. */
    List<Task> talks(String member) {
        return flowableTasks.createTaskQuery().processDefinitionKey("dues-arrears").taskDefinitionKey("talk")
                .processVariableValueEquals("member", member).list();
    }

    /** Moves the clock to the given day of the month {@code months} after the current one, 09:00. */
    void moveMonths(int months, int day) {
        ZonedDateTime at = YearMonth.now(clock).plusMonths(months).atDay(day).atTime(9, 0).atZone(clock.getZone());
        time.moveTo(at.toInstant());
    }

    @Test
    void sixMonthsWithoutPaymentGiveExactlyOneTalkAndAPaymentBeforeTheSixthMonthPreventsIt() {
        YearMonth first = now();
        String silent = withBase(first);
        String paidOnce = withBase(first);

        moveMonths(4, 2);
        pay(paidOnce, "sec1", first);
        assertThat(talks(silent)).as("five months unpaid are not six").isEmpty();

        moveMonths(2, 2); // first + 6: the six months first..first+5 are behind us
        assertThat(talks(silent)).hasSize(1);
        assertThat(talks(paidOnce)).as("a payment before the sixth month prevents it").isEmpty();
        Task talk = talks(silent).get(0);
        assertThat(talk.getName()).isEqualTo("谈话");
        assertThat(flowableTasks.getIdentityLinksForTask(talk.getId())).extracting(l -> l.getGroupId())
                .containsExactly("SECRETARY@K-T-B1");
        var view = cases.view(talk.getProcessInstanceId(), "sec1");
        assertThat(view.subject()).contains(people.get(silent).name()).contains(first.toString());
        assertThat(cases.view(talk.getProcessInstanceId(), silent).id()).as("the member sees their own case")
                .isEqualTo(view.id());

        moveMonths(0, 20);
        moveMonths(1, 3);
        assertThat(talks(silent)).as("the same run is one case, however often the check runs").hasSize(1);
        assertThat(talks(paidOnce)).as("first+1..first+6 unpaid: now six in a row").hasSize(1);

        assertThatThrownBy(() -> tasks.complete(talk.getId(), Map.of("talkDate", today(), "outcome", "PAID",
                "notes", "本人称已交"), null, "sec1", ZH)).as("paid only when the ledger shows it")
                .isInstanceOf(ConflictException.class).hasMessageContaining("仍未交纳");
        YearMonth last = now().minusMonths(1);
        pay(silent, "sec1", cn.xianfeng.dues.internal.Months.range(first, last).toArray(YearMonth[]::new));
        tasks.complete(talk.getId(), Map.of("talkDate", today(), "outcome", "PAID", "notes", "已补交全部党费"), null,
                "sec1", ZH);
        assertThat(cases.view(talk.getProcessInstanceId(), "sec1").status().name()).isEqualTo("COMPLETED");
        assertThat(people.get(silent).status().name()).as("never a silent status change").isEqualTo("FULL");
    }

    @Test
    void anAcceptedReasonStopsTheMonthsCountingAndAReportGoesToTheCommittee() {
        YearMonth first = now();
        String excused = withBase(first);
        String reported = withBase(first);
        moveMonths(6, 2);
        Task a = talks(excused).get(0);
        Task b = talks(reported).get(0);
        assertThatThrownBy(() -> tasks.complete(a.getId(), Map.of("talkDate", today(), "outcome", "REASON_ACCEPTED",
                "notes", "谈话"), null, "sec1", ZH)).as("a reason must be written")
                .isInstanceOf(cn.xianfeng.common.InvalidInputException.class).hasMessageContaining("reason");
        tasks.complete(a.getId(), Map.of("talkDate", today(), "outcome", "REASON_ACCEPTED", "reason", "长期住院治疗",
                "notes", "本人住院，出院后补交"), null, "sec1", ZH);
        tasks.complete(b.getId(), Map.of("talkDate", today(), "outcome", "REPORTED", "notes", "拒不交纳，报告党委"),
                null, "sec1", ZH);
        Task committee = flowableTasks.createTaskQuery().processInstanceId(b.getProcessInstanceId()).singleResult();
        assertThat(committee.getTaskDefinitionKey()).isEqualTo("committeeHandling");
        assertThat(flowableTasks.getIdentityLinksForTask(committee.getId())).extracting(l -> l.getGroupId())
                .containsExactly("COMMITTEE_REVIEWER@K-T");
        tasks.complete(committee.getId(), Map.of("handling", "责成支部再次谈话，限期补交"), null, "reviewer", ZH);
        assertThat(ledger.member(excused, "sec1").arrearsMonths()).as("still owed").isEqualTo(6);

        moveMonths(5, 2);
        assertThat(talks(excused)).as("five months after the reason").isEmpty();
        moveMonths(1, 2);
        assertThat(talks(excused)).as("six more months without paying: a new case").hasSize(1);
    }

    @Test
    void membersInArrearsGetOneNoticeAMonthFromTheConfiguredDay() throws Exception {
        String behind = withBase(now().minusMonths(1));
        String paid = withBase(now());
        pay(paid, "sec1", now());
        moveMonths(1, 9);
        assertThat(jdbc.sql("select count(*) from dues_reminder where username = ?").param(behind)
                .query(Integer.class).single()).as("not before the 10th").isZero();
        moveMonths(0, 10);
        waitForNotices(behind, 1);
        moveMonths(0, 25);
        assertThat(jdbc.sql("select count(*) from dues_reminder where username = ? and kind = 'MONTHLY'")
                .param(behind).query(Integer.class).single()).as("once a month").isEqualTo(1);
        assertThat(notices.of(behind, 10).get(0).text()).contains("党费提醒").contains("欠交 2 个月");
        assertThat(count(paid)).as("nothing owed before this month").isZero();
    }

    private int count(String username) {
        return (int) notices.of(username, 200).stream().filter(n -> n.kind().equals("DUES_REMINDER")).count();
    }

    private void waitForNotices(String username, int expected) throws InterruptedException {
        long until = System.currentTimeMillis() + 120_000;
        while (count(username) < expected && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        assertThat(count(username)).as("notices of " + username).isEqualTo(expected);
    }
}
