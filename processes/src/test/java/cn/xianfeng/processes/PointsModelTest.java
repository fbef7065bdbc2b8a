package cn.xianfeng.processes;

import org.flowable.dmn.api.DmnDecisionService;
import org.flowable.dmn.engine.DmnEngine;
import org.flowable.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * points.dmn on a real DMN engine: every kind of event the points module derives finds its row (a specific meeting
 * type before the row for any type), the dues collection rate's bands on both sides of each boundary, and a cap for
 * every category of members and branches; an unknown kind matches nothing (the module then records no entry).
 */
class PointsModelTest {

    static DmnEngine dmn;
    static DmnDecisionService decisions;

    @BeforeAll
    static void engine() throws Exception {
        var db = cn.xianfeng.testing.RealServices.freshDatabase();
        DmnEngineConfiguration cfg = DmnEngineConfiguration.createStandaloneDmnEngineConfiguration();
        cfg.setJdbcUrl(db.jdbcUrl());
        cfg.setJdbcUsername(db.username());
        cfg.setJdbcPassword(db.password());
        cfg.setJdbcDriver("org.postgresql.Driver");
        cfg.setDatabaseSchemaUpdate("true");
        dmn = cfg.buildDmnEngine();
        dmn.getDmnRepositoryService().createDeployment().addString("points.dmn",
                Files.readString(ProcessTestEngine.modelFolder().resolve("points.dmn"))).deploy();
        decisions = dmn.getDmnDecisionService();
    }

    @AfterAll
    static void close() {
        dmn.close();
    }

    private static Map<String, Object> rule(String kind, String meetingType, long rate) {
        return decisions.createExecuteDecisionBuilder().decisionKey("points-rules").variable("kind", kind)
                .variable("meetingType", meetingType).variable("rate", rate).executeWithSingleResult();
    }

    private static String row(String kind, String meetingType, long rate) {
        Map<String, Object> r = rule(kind, meetingType, rate);
        assertThat(r).as(kind + " " + meetingType + " " + rate).isNotNull();
        return r.get("rule") + " " + ((Number) r.get("points")).intValue() + " " + r.get("category");
    }

    @Test
    void attendingEarnsByMeetingTypeLeaveNothingAndAbsenceCosts() {
        assertThat(row("MEETING_ATTENDED", "BRANCH_GENERAL", 0)).isEqualTo("attendedGeneral 3 MEETING");
        assertThat(row("MEETING_ATTENDED", "LECTURE", 0)).isEqualTo("attendedLecture 3 MEETING");
        assertThat(row("MEETING_ATTENDED", "ORG_LIFE", 0)).isEqualTo("attendedOrgLife 5 MEETING");
        assertThat(row("MEETING_ATTENDED", "APPRAISAL", 0)).isEqualTo("attendedAppraisal 5 MEETING");
        for (String type : new String[]{"BRANCH_COMMITTEE", "GROUP", "THEME_DAY"}) {
            assertThat(row("MEETING_ATTENDED", type, 0)).as(type).isEqualTo("attendedOther 2 MEETING");
        }
        assertThat(row("MEETING_LEAVE", "BRANCH_GENERAL", 0)).isEqualTo("leave 0 MEETING");
        assertThat(row("MEETING_ABSENT", "GROUP", 0)).isEqualTo("absent -2 MEETING");
    }

    @Test
    void duesAndStepsOfMembersAndBranchEvents() {
        assertThat(row("DUES_ON_TIME", "", 0)).isEqualTo("duesOnTime 1 DUES");
        assertThat(row("STEP_ON_TIME", "", 0)).isEqualTo("stepOnTime 2 STEP");
        assertThat(row("STEP_OVERDUE", "", 0)).isEqualTo("stepOverdue -3 STEP");
        assertThat(row("MEETING_HELD", "BRANCH_GENERAL", 0)).isEqualTo("heldGeneral 5 MEETING");
        assertThat(row("MEETING_HELD", "LECTURE", 0)).isEqualTo("heldLecture 5 MEETING");
        assertThat(row("MEETING_HELD", "THEME_DAY", 0)).isEqualTo("heldOther 3 MEETING");
    }

    @Test
    void theDuesCollectionRateBandsIncludeTheirLowerBoundary() {
        assertThat(row("DUES_RATE", "", 100)).isEqualTo("duesRateFull 5 DUES");
        assertThat(row("DUES_RATE", "", 99)).isEqualTo("duesRateHigh 3 DUES");
        assertThat(row("DUES_RATE", "", 90)).isEqualTo("duesRateHigh 3 DUES");
        assertThat(row("DUES_RATE", "", 89)).isEqualTo("duesRateLow 0 DUES");
        assertThat(row("DUES_RATE", "", 0)).isEqualTo("duesRateLow 0 DUES");
    }

    @Test
    void procedureEventsOfBranchesAndComplaintCoHandlingOfMembers() {
        assertThat(row("MATERIALS_ARCHIVED", "", 0)).isEqualTo("materialsArchived 3 STEP");
        assertThat(row("TRANSFER_ON_TIME", "", 0)).isEqualTo("transferOnTime 2 STEP");
        assertThat(row("TRANSFER_LATE", "", 0)).isEqualTo("transferLate -2 STEP");
        assertThat(row("COMPLAINT_RESOLVED", "", 0)).isEqualTo("complaintResolved 2 COMPLAINT");
        assertThat(row("COMPLAINT_SATISFIED", "", 0)).isEqualTo("complaintSatisfied 3 COMPLAINT");
        assertThat(row("COMPLAINT_BASICALLY_SATISFIED", "", 0)).isEqualTo("complaintBasicallySatisfied 1 COMPLAINT");
        assertThat(row("COMPLAINT_COHANDLED", "", 0)).isEqualTo("complaintCoHandled 2 COMPLAINT");
        assertThat(rule("COMPLAINT_DISSATISFIED", "", 0)).as("a dissatisfied evaluation earns nothing").isNullOrEmpty();
    }

    @Test
    void anUnknownKindMatchesNoRow() {
        assertThat(rule("MEETING_SKIPPED", "GROUP", 0)).isNullOrEmpty();
    }

    private static int cap(String subject, String category) {
        Map<String, Object> r = decisions.createExecuteDecisionBuilder().decisionKey("points-caps")
                .variable("subject", subject).variable("category", category).executeWithSingleResult();
        assertThat(r).as(subject + " " + category).isNotNull();
        return ((Number) r.get("monthlyCap")).intValue();
    }

    @Test
    void everyCategoryHasAMonthlyCapForMembersAndBranches() {
        assertThat(cap("MEMBER", "MEETING")).isEqualTo(10);
        assertThat(cap("MEMBER", "DUES")).isEqualTo(12);
        assertThat(cap("MEMBER", "STEP")).isEqualTo(6);
        assertThat(cap("MEMBER", "CLAIM")).isEqualTo(10);
        assertThat(cap("BRANCH", "MEETING")).isEqualTo(15);
        assertThat(cap("BRANCH", "DUES")).isEqualTo(10);
        assertThat(cap("BRANCH", "STEP")).isEqualTo(10);
    }

    @Test
    void confirmedClaimsByActivityAndAThoughtReportEarnUnderTheOtherCategoriesCap() {
        assertThat(row("CLAIM_VOLUNTEER", "", 0)).isEqualTo("claimVolunteer 3 CLAIM");
        assertThat(row("CLAIM_AWARD", "", 0)).isEqualTo("claimAward 5 CLAIM");
        assertThat(row("CLAIM_STUDY", "", 0)).isEqualTo("claimStudy 2 CLAIM");
        assertThat(row("CLAIM_OTHER", "", 0)).isEqualTo("claimOther 1 CLAIM");
        assertThat(row("THOUGHT_REPORT", "", 0)).isEqualTo("thoughtReport 3 REPORT");
        assertThat(cap("MEMBER", "REPORT")).isEqualTo(10);
        assertThat(rule("CLAIM_UNKNOWN", "", 0)).isNullOrEmpty();
    }

    @Test
    void eachAppraisalGradeHasOneScoreBetweenZeroAndAHundredAndAnUnknownGradeNone() {
        Map<String, Integer> scores = new java.util.LinkedHashMap<>();
        for (String grade : List.of("EXCELLENT", "QUALIFIED", "BASIC", "UNQUALIFIED")) {
            Map<String, Object> r = decisions.createExecuteDecisionBuilder().decisionKey("appraisal-grades")
                    .variable("grade", grade).executeWithSingleResult();
            scores.put(grade, ((Number) r.get("score")).intValue());
        }
        assertThat(scores).containsExactly(Map.entry("EXCELLENT", 100), Map.entry("QUALIFIED", 80),
                Map.entry("BASIC", 60), Map.entry("UNQUALIFIED", 0));
        assertThat(decisions.createExecuteDecisionBuilder().decisionKey("appraisal-grades").variable("grade", "GOOD")
                .executeWithSingleResult()).isNull();
    }
}
