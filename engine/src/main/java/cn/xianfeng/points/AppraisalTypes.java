package cn.xianfeng.points;

import java.time.Instant;
import java.util.List;

/**
 * What the committee's assessment, the yearly appraisal (年度评议) and the 先锋指数 trend answer. A member's appraisal
 * result = 60 % of their points normalised to 0–100 against the best total of their branch's party members that year
 * (the best gets 100, a total of 0 or less gets 0) + 40 % of their 民主评议 grade's score (processes/points.dmn, decision appraisal-grades).
 */
public final class AppraisalTypes {

    private AppraisalTypes() {
    }

    /** 民主评议 grades and the score each counts for in the yearly appraisal (0–100). */
    public enum Grade {
        EXCELLENT("优秀"), QUALIFIED("合格"), BASIC("基本合格"), UNQUALIFIED("不合格");

        private final String label;

        Grade(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The committee's score of a branch for a year (0–100), the latest recorded. */
    public record Assessment(String org, String name, int year, int score, String comment, String assessedBy,
                             String assessorName, Instant at) {
    }

    public record GradeInput(String username, String grade) {
    }

    /** One member's line: {@code pointsScore} 0–100, {@code result} null until a grade is recorded. */
    public record AppraisalRow(String username, String name, int points, double pointsScore, Grade grade,
                               Integer gradeScore, Double result) {
    }

    /**
     * A branch's yearly appraisal: its party members by result, whether an APPRAISAL meeting of the year is archived
     * (grades may be recorded only then), and the latest signed PDF issued, if any.
     */
    public record Appraisal(String org, String name, int year, int bestPoints, boolean meetingHeld,
                            List<AppraisalRow> members, String documentCode, Instant documentIssuedAt) {
    }

    /** A month of a branch's year: its members' average of the month's points plus the branch's own. */
    public record MonthValue(String month, double memberAverage, int branchPoints, double value) {
    }

    public record BranchTrend(String code, String name, List<MonthValue> months) {
    }

    public record Trend(String org, String name, int year, List<BranchTrend> branches) {
    }

    /** One ledger entry behind a number: a member's (name) or the branch's own ({@code branch} true). */
    public record DrillEntry(String date, String period, String who, boolean branch, String username, String rule,
                             String ruleName, String category, int points, Long eventId, String caseId) {
    }

    /** The entries behind an org's number for a year or one month of it, newest first, at most a page. */
    public record Drill(String org, String name, int year, String month, int total, boolean truncated,
                        List<DrillEntry> entries) {
    }
}
