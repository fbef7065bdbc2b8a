package cn.xianfeng.admission;

import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.notice.Notices;
import cn.xianfeng.points.Points;
import cn.xianfeng.workflow.CaseStatus;
import cn.xianfeng.workflow.WorkflowTypes.HistoryEntry;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * 思想汇报 on a real engine and PostgreSQL: an activist with contacts submits reports that end at once, are read by
 * the submitter, the contact (a copy), the branch secretary and the officers and auditors above, and by nobody else;
 * they are counted per quarter on 我的入党进度 and for the secretary; only the first of a quarter earns points; full
 * members and people without an open recruitment case are refused; the quarterly reminder reaches those who have not
 * submitted, once, when the clock moves into the quarter's last month.
 */
class ThoughtReportTest extends AdmissionTestSupport {

    @Autowired Notices notices;
    @Autowired Points points;

    private String report(String by, String title) {
        return cases.start(new StartCase("thought-report", null, Map.of("title", title,
                "content", "本季度我认真学习了党章和党的理论，对照党员标准查找了自身不足。", "attachments",
                List.of(walk.attachment(by)))), by, Locale.SIMPLIFIED_CHINESE).id();
    }

    @Test
    void reportsAreReadByTheContactsAndTheBranchOnlyAndCountedPerQuarter() {
        String applicant = walk.applicant(25);
        String admission = walk.start(applicant);
        walk.walkTo(admission, applicant, "step06"); // an activist since step03, member1 the contact since step05

        String first = report(applicant, "第一份思想汇报");
        String second = report(applicant, "第二份思想汇报");
        assertThat(cases.view(first, applicant).status()).isEqualTo(CaseStatus.COMPLETED);
        for (String reader : List.of(applicant, "member1", "sec1", "reviewer", "auditor")) {
            assertThat(cases.view(first, reader).id()).as(reader).isEqualTo(first);
        }
        for (String stranger : List.of("member2", "sec2", "outsider")) {
            assertThatThrownBy(() -> cases.view(first, stranger)).as(stranger).isInstanceOf(NotFoundException.class);
        }

        String quarter = ThoughtReportsQuarter.of(LocalDate.now(clock));
        Admissions.Progress mine = admissions.mine(applicant);
        assertThat(mine.thoughtReports()).extracting(Admissions.ThoughtReport::caseId).containsExactly(second, first);
        assertThat(mine.reportsByQuarter()).containsExactly(new Admissions.QuarterCount(quarter, 2));
        assertThat(admissions.reportsByQuarter(admission, "sec1")).containsExactly(new Admissions.QuarterCount(quarter, 2));
        assertThatThrownBy(() -> admissions.reportsByQuarter(admission, "member2")).isInstanceOf(NotFoundException.class);

        assertThat(submitted(first, applicant).data()).containsEntry("firstOfQuarter", true).containsEntry("quarter", quarter);
        assertThat(submitted(second, applicant).data()).containsEntry("firstOfQuarter", false);
        points.catchUp();
        assertThat(points.member(applicant, LocalDate.now(clock).getYear(), applicant).entries())
                .filteredOn(e -> "REPORT".equals(e.category())).singleElement()
                .satisfies(e -> assertThat(e.caseId()).isEqualTo(first))
                .satisfies(e -> assertThat(e.points()).isEqualTo(3));
    }

    @Test
    void onlyApplicantsActivistsAndCandidatesWithAnOpenCaseSubmit() {
        assertThatThrownBy(() -> report("member2", "党员的汇报")).isInstanceOf(ForbiddenException.class);
        String noCase = walk.applicant(30);
        assertThatThrownBy(() -> report(noCase, "没有申请")).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void theQuarterlyReminderReachesThoseWhoHaveNotSubmittedOnceInTheQuartersLastMonth() throws Exception {
        String silent = walk.applicant(26);
        walk.start(silent);
        String diligent = walk.applicant(27);
        walk.start(diligent);
        report(diligent, "本季度思想汇报");
        LocalDate today = LocalDate.now(clock);
        LocalDate lastMonth = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 3);
        ZoneId zone = clock.getZone();
        time.moveTo(lastMonth.equals(today.withDayOfMonth(1)) ? clock.instant().plus(Duration.ofMinutes(1))
                : lastMonth.atTime(9, 0).atZone(zone).toInstant());
        waitForReminders(silent, 1);
        time.moveTo(clock.instant().plus(Duration.ofDays(1)));
        assertThat(jdbc.sql("select count(*) from thought_report_reminder where username = ?").param(silent)
                .query(Integer.class).single()).as("once a quarter").isEqualTo(1);
        assertThat(notices.of(silent, 20)).filteredOn(n -> n.kind().equals("THOUGHT_REPORT_REMINDER")).singleElement()
                .satisfies(n -> assertThat(n.text()).contains("思想汇报提醒").contains("季度"));
        assertThat(reminders(diligent)).as("submitted this quarter").isZero();
    }

    private HistoryEntry submitted(String caseId, String viewer) {
        return cases.history(caseId, viewer).stream().filter(h -> "THOUGHT_REPORT_SUBMITTED".equals(h.action()))
                .findFirst().orElseThrow();
    }

    private long reminders(String username) {
        return notices.of(username, 50).stream().filter(n -> n.kind().equals("THOUGHT_REPORT_REMINDER")).count();
    }

    private void waitForReminders(String username, int expected) throws InterruptedException {
        long until = System.currentTimeMillis() + 120_000;
        while (reminders(username) < expected && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        assertThat(reminders(username)).as("reminders of " + username).isEqualTo(expected);
    }

    /** The quarter as the module stores it (yyyy-Qn). */
    static final class ThoughtReportsQuarter {
        static String of(LocalDate day) {
            return day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
        }
    }
}
