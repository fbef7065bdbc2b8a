package cn.xianfeng.points.internal;

import cn.xianfeng.points.AppraisalTypes.AppraisalRow;
import cn.xianfeng.points.AppraisalTypes.Grade;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The yearly appraisal's arithmetic: points normalised to 0–100 against the branch's best total (so a county's table
 * may give any scale of points, and a branch is compared with itself), weighted 60 %, plus the 民主评议 grade's score
 * (processes/points.dmn, decision appraisal-grades) weighted 40 %, rounded to one decimal. Without a grade there is no result.
 */
public final class AppraisalScores {

    static final double POINTS_WEIGHT = 0.6;
    static final double GRADE_WEIGHT = 0.4;

    private AppraisalScores() {
    }

    public record Member(String username, String name) {
    }

    public record Result(int best, List<AppraisalRow> rows) {
    }

    public static Result of(List<Member> members, Map<String, Integer> totals, Map<String, Grade> grades,
                            Map<Grade, Integer> gradeScores) {
        int best = members.stream().mapToInt(m -> totals.getOrDefault(m.username(), 0)).max().orElse(0);
        List<AppraisalRow> rows = new ArrayList<>();
        for (Member m : members) {
            int points = totals.getOrDefault(m.username(), 0);
            double pointsScore = best <= 0 || points <= 0 ? 0 : round(100.0 * points / best);
            Grade grade = grades.get(m.username());
            Integer gradeScore = grade == null ? null : gradeScores.get(grade);
            Double result = gradeScore == null ? null : round(POINTS_WEIGHT * pointsScore + GRADE_WEIGHT * gradeScore);
            rows.add(new AppraisalRow(m.username(), m.name(), points, pointsScore, grade, gradeScore, result));
        }
        rows.sort(Comparator.comparing(AppraisalRow::result, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(AppraisalRow::points, Comparator.reverseOrder()).thenComparing(AppraisalRow::username));
        return new Result(best, rows);
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
