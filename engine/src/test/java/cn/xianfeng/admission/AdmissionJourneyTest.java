package cn.xianfeng.admission;

import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.workflow.CaseStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One applicant through all 25 steps, each completed by the person the rules name and refused to an outsider. */
class AdmissionJourneyTest extends AdmissionTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    cn.xianfeng.workflow.TaskLists lists;

    @org.springframework.beans.factory.annotation.Autowired cn.xianfeng.points.Points points;
    @org.springframework.beans.factory.annotation.Autowired cn.xianfeng.points.PointsTrends trends;

    @Test
    void anApplicantBecomesAFullMemberThroughAll25StepsAndOutsidersAreRefusedAtEachStep() {
        String applicant = walk.applicant(25);
        String caseId = walk.start(applicant);
        assertThat(cases.view(caseId, applicant).stage().number()).isEqualTo(1);

        for (int n = 1; n <= 25; n++) {
            String step = String.format("step%02d", n);
            if (step.equals("step07")) {
                walk.advance(Duration.ofDays(366));
            }
            if (step.equals("step22")) {
                assertThat(walk.currentSteps(caseId)).as("no step22 before the year of probation ends").isEmpty();
                walk.advance(Duration.ofDays(366));
            }
            var view = cases.view(caseId, applicant);
            assertThat(view.step().id()).isEqualTo(step);
            assertThat(view.step().number()).isEqualTo(n);
            assertThat(view.stage().number()).isEqualTo(n <= 2 ? 1 : n <= 6 ? 2 : n <= 11 ? 3 : n <= 18 ? 4 : 5);

            String taskId = walk.current(caseId, step).taskId();
            var data = walk.data(step, applicant);
            assertThatThrownBy(() -> tasks.complete(taskId, data, null, "sec2", Locale.CHINA))
                    .as("secretary of another branch at " + step).isInstanceOf(ForbiddenException.class);
            if (!walk.owner(step, applicant).equals(applicant)) {
                assertThatThrownBy(() -> tasks.complete(taskId, data, null, applicant, Locale.CHINA))
                        .as("the applicant at " + step).isInstanceOf(ForbiddenException.class);
            }
            tasks.complete(taskId, data, null, walk.owner(step, applicant), Locale.CHINA);
        }

        assertThat(cases.view(caseId, applicant).status()).isEqualTo(CaseStatus.COMPLETED);
        assertThat(people.get(applicant).status()).isEqualTo(MemberStatus.FULL);
        assertThat(people.get(applicant).orgCode()).isEqualTo("K-T-B1-G1");
        assertThat(jdbc.sql("select to_status from member_status_change where username = ? and case_id = ? order by id")
                .params(applicant, caseId).query(String.class).list())
                .containsExactly("ACTIVIST", "CANDIDATE", "PROBATIONARY", "FULL");

        Admissions.Progress progress = admissions.mine(applicant);
        assertThat(progress.done()).extracting(Admissions.Done::stepId).hasSize(25).startsWith("step01").endsWith("step25");
        assertThat(progress.dates()).containsKeys("applicationDate", "activistDate", "earliestCandidateDate",
                "candidateDate", "voteDate", "probationEnd", "fullDate");
        assertThat(progress.dates().get("probationEnd")).isEqualTo(progress.dates().get("voteDate").plusYears(1));
        assertThat(progress.dates().get("earliestCandidateDate"))
                .isEqualTo(progress.dates().get("activistDate").plusYears(1));

        // 材料归档 done: the branch earns materialsArchived (points.dmn), derived from the step's audit event
        points.catchUp();
        assertThat(trends.entries("K-T-B1", LocalDate.now(clock).getYear(), null, "admin").entries())
                .filteredOn(e -> caseId.equals(e.caseId()) && e.branch())
                .extracting(cn.xianfeng.points.AppraisalTypes.DrillEntry::rule).contains("materialsArchived");
    }

    @Test
    void theApplicantAndTheBranchSecretaryBothFindStep01InTheirTodoLists() {
        String applicant = walk.applicant(21);
        String caseId = walk.start(applicant);
        var todo = new cn.xianfeng.workflow.WorkflowTypes.TaskFilter("todo", "admission", null, null);
        assertThat(lists.list(todo, applicant, 0, 200).items()).anyMatch(t -> t.caseId().equals(caseId));
        assertThat(lists.list(todo, "sec1", 0, 200).items()).anyMatch(t -> t.caseId().equals(caseId));
        assertThat(lists.list(todo, "sec2", 0, 200).items()).noneMatch(t -> t.caseId().equals(caseId));
    }

    @Test
    void theApplicantAndTheBranchSeeWhereTheCaseStands() {
        String applicant = walk.applicant(30);
        String caseId = walk.start(applicant);
        walk.walkTo(caseId, applicant, "step03");

        Admissions.Progress mine = admissions.mine(applicant);
        assertThat(mine.caseId()).isEqualTo(caseId);
        assertThat(mine.view().step().number()).isEqualTo(3);
        assertThat(mine.next()).extracting(s -> s.stepId()).containsExactly("step03");
        assertThat(mine.next().get(0).candidates()).contains("SECRETARY@K-T-B1", "BRANCH_COMMITTEE@K-T-B1");
        assertThat(mine.done()).extracting(Admissions.Done::actor).containsExactly(applicant, "sec1");

        List<Admissions.BranchRow> branch = admissions.within("K-T-B1", "sec1", "step");
        assertThat(branch).anySatisfy(r -> {
            assertThat(r.caseId()).isEqualTo(caseId);
            assertThat(r.stage()).isEqualTo(2);
            assertThat(r.step()).isEqualTo(3);
            assertThat(r.waitingSince()).isNotNull();
        });
        assertThatThrownBy(() -> admissions.within("K-T-B1", "sec2", null))
                .isInstanceOf(cn.xianfeng.common.NotFoundException.class);
    }
}
