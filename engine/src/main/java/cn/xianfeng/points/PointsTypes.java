package cn.xianfeng.points;

import java.time.Instant;
import java.util.List;

/** What the points module answers. */
public final class PointsTypes {

    private PointsTypes() {
    }

    /**
     * One entry as credited: {@code points} after the month's cap, {@code rawPoints} what the table gave;
     * {@code ruleName} the table row's description (Chinese), {@code period} the month it counts for (yyyy-MM),
     * {@code date} the day of {@code at} where the users live (yyyy-MM-dd).
     */
    public record Entry(Instant at, int points, String rule, String category, Long eventId, String caseId,
                        int rawPoints, boolean capped, String ruleName, String period, String item, String date) {
    }

    public record MemberPoints(String username, String name, String year, int total, Integer rankInBranch,
                               String branchCode, String branchName, List<Entry> entries) {
    }

    /** {@code assessment}: a branch's (its own points plus the committee's score), null for a group. */
    public record ChildOrg(String code, String name, Double index, double memberAverage, Integer assessment) {
    }

    public record MemberTotal(String username, String name, int total) {
    }

    /**
     * An org's year: {@code index} (先锋指数, branches only) = {@code memberAverage} + {@code assessment}, the
     * committee's assessment of the branch: {@code branchPoints} (the credited points of branch events: meetings held,
     * dues collected, steps overdue…) plus {@code committeeScore} (the score 0–100 an officer of an org above recorded
     * for the year; null until one is).
     */
    public record OrgPoints(String org, String name, String year, Double index, double memberAverage,
                            Integer assessment, List<ChildOrg> children, List<MemberTotal> members,
                            Integer branchPoints, Integer committeeScore) {
    }

    /** A key whose ledger value differs from what the trail and the latest table give. */
    public record Difference(long eventId, String subjectKind, String subject, String item, String change,
                             String ruleBefore, Integer pointsBefore, String ruleAfter, Integer pointsAfter) {
    }

    /** {@code entries}: how many the trail gives; {@code applied}: whether corrections were appended. */
    public record RebuildReport(int entries, List<Difference> differences, boolean applied) {
    }
}
