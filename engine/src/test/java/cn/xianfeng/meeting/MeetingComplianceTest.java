package cn.xianfeng.meeting;

import cn.xianfeng.meeting.MeetingTypes.BranchRow;
import cn.xianfeng.meeting.MeetingTypes.Cell;
import cn.xianfeng.meeting.MeetingTypes.CellStatus;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The frequency check: a branch that held no committee meeting for a month is flagged and its secretary tasked. */
class MeetingComplianceTest extends MeetingTestSupport {

    @Autowired JdbcClient jdbc;

    @Test
    void aBranchWithoutACommitteeMeetingLastMonthIsFlaggedOnceAndItsSecretaryGetsATask() {
        Branch held = branch();
        Branch missed = branch();
        LocalDate today = LocalDate.now(clock);
        LocalDate nextMonth = today.withDayOfMonth(1).plusMonths(1);
        time.moveTo(nextMonth.plusDays(14).atTime(10, 0).atZone(clock.getZone()).toInstant());

        String caseId = plan(held, "BRANCH_COMMITTEE", held.s());
        complete(caseId, "record", held.c(), record(held, "attendees", java.util.List.of(held.s(), held.c())));
        complete(caseId, "confirm", held.s(), Map.of("decision", "APPROVE"));

        // the month of the meeting passes; the check runs in the month after
        time.moveTo(nextMonth.plusMonths(1).plusDays(4).atTime(2, 0).atZone(clock.getZone()).toInstant());
        compliance.check();

        String period = nextMonth.toString().substring(0, 7);
        assertThat(flag(missed.code(), "BRANCH_COMMITTEE", period)).isTrue();
        assertThat(flag(held.code(), "BRANCH_COMMITTEE", period)).isFalse();
        Task task = flowableTasks.createTaskQuery().taskCandidateGroup("SECRETARY@" + missed.code())
                .processDefinitionKey("meeting-compliance").list().stream()
                .filter(t -> cases.view(t.getProcessInstanceId(), missed.s()).subject().contains("支委会"))
                .findFirst().orElseThrow();
        assertThat(task.getName()).isEqualTo("补开/说明");

        BranchRow missedRow = row(missed.code());
        assertThat(missedRow.compliant()).isFalse();
        assertThat(cell(missedRow, MeetingType.BRANCH_COMMITTEE)).satisfies(c -> {
            assertThat(c.status()).isEqualTo(CellStatus.OVERDUE);
            assertThat(c.flagged()).isTrue();
        });
        Cell heldCell = cell(row(held.code()), MeetingType.BRANCH_COMMITTEE);
        assertThat(heldCell.status()).isNotEqualTo(CellStatus.OVERDUE);
        assertThat(heldCell.lastHeld()).isEqualTo(nextMonth.plusDays(14));
        assertThat(heldCell.frequency()).isEqualTo("MONTHLY");

        // a second run flags nothing again for the same period
        long before = jdbc.sql("select count(*) from meeting_flag").query(Long.class).single();
        compliance.check();
        assertThat(jdbc.sql("select count(*) from meeting_flag").query(Long.class).single()).isEqualTo(before);

        tasks.complete(task.getId(), Map.of("action", "EXPLAIN", "explanation", "书记外出培训，本月补开"), null,
                missed.s(), java.util.Locale.SIMPLIFIED_CHINESE);
        assertThat(cases.view(task.getProcessInstanceId(), missed.s()).status().name()).isEqualTo("COMPLETED");
    }

    @Test
    void theGridAndTheCheckAgreeOnGroupMeetingsOfABranchWithoutGroups() {
        Branch noGroups = branch();
        Branch withGroup = branch();
        orgs.create(new cn.xianfeng.org.NewOrg(withGroup.code() + "-G1", "第一党小组", cn.xianfeng.org.OrgType.GROUP,
                withGroup.code()), "admin");
        LocalDate nextMonth = LocalDate.now(clock).withDayOfMonth(1).plusMonths(1);
        // two whole months later: the branches existed through the month the check looks at
        time.moveTo(nextMonth.plusMonths(1).plusDays(4).atTime(2, 0).atZone(clock.getZone()).toInstant());
        compliance.check();
        String period = nextMonth.toString().substring(0, 7);

        assertThat(flag(noGroups.code(), "GROUP", period)).as("no group meeting is owed without groups").isFalse();
        assertThat(cell(row(noGroups.code()), MeetingType.GROUP).status()).isEqualTo(CellStatus.NOT_HELD);
        assertThat(flag(withGroup.code(), "GROUP", period)).isTrue();
        assertThat(cell(row(withGroup.code()), MeetingType.GROUP).status()).isEqualTo(CellStatus.OVERDUE);
        // and for every type of both branches: OVERDUE on the grid exactly where the check raised a flag
        for (Branch b : java.util.List.of(noGroups, withGroup)) {
            for (Cell c : row(b.code()).cells()) {
                boolean flagged = jdbc.sql("select count(*) from meeting_flag where branch_code = ? and type = ?")
                        .params(b.code(), c.type().name()).query(Integer.class).single() > 0;
                assertThat(c.status() == CellStatus.OVERDUE).as(b.code() + " " + c.type()).isEqualTo(flagged);
            }
        }
    }

    private boolean flag(String branch, String type, String period) {
        return jdbc.sql("select count(*) from meeting_flag where branch_code = ? and type = ? and period = ?")
                .params(branch, type, period).query(Integer.class).single() > 0;
    }

    private BranchRow row(String branch) {
        return compliance.grid("K-T", "reviewer").branches().stream().filter(r -> r.code().equals(branch))
                .findFirst().orElseThrow();
    }

    private static Cell cell(BranchRow row, MeetingType type) {
        return row.cells().stream().filter(c -> c.type() == type).findFirst().orElseThrow();
    }
}
