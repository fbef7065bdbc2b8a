package cn.xianfeng.points.internal;

import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.points.AppraisalTypes.BranchTrend;
import cn.xianfeng.points.AppraisalTypes.Drill;
import cn.xianfeng.points.AppraisalTypes.DrillEntry;
import cn.xianfeng.points.AppraisalTypes.MonthValue;
import cn.xianfeng.points.AppraisalTypes.Trend;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The 先锋指数 month by month (a branch's members' average of the month's credited points plus the branch's own
 * points of the month; the committee's yearly assessment is not a monthly number) and the ledger entries behind a
 * branch's number for a year or a month, credited after the caps exactly as the totals are.
 */
@Component
public class MonthlyIndex {

    /** A chart's lines: the best branches of the year only, so a county's chart stays readable. */
    public static final int TREND_BRANCHES = 10;
    /** A drill-down lists at most this many entries (newest first) and says it was cut. */
    public static final int DRILL_ENTRIES = 500;

    private final LedgerRows rows;
    private final PointsQueries queries;
    private final Orgs orgs;
    private final RuleTable table;
    private final ZoneId zone;

    MonthlyIndex(LedgerRows rows, PointsQueries queries, Orgs orgs, RuleTable table, Clock clock) {
        this.rows = rows;
        this.queries = queries;
        this.orgs = orgs;
        this.table = table;
        this.zone = clock.getZone();
    }

    public Trend trend(Org org, int year) {
        List<PointsQueries.Member> people = queries.people(org);
        Map<String, Map<YearMonth, Integer>> members = byMonth(Earned.MEMBER,
                people.stream().map(PointsQueries.Member::username).toList(), year);
        List<Org> subtree = orgs.subtree(org.code());
        Map<String, String> paths = new HashMap<>();
        subtree.forEach(o -> paths.put(o.code(), o.path()));
        List<Org> branches = org.type() == OrgType.BRANCH ? List.of(org)
                : subtree.stream().filter(o -> o.type() == OrgType.BRANCH).toList();
        Map<String, Map<YearMonth, Integer>> own = byMonth(Earned.BRANCH, branches.stream().map(Org::code).toList(), year);
        List<BranchTrend> out = new ArrayList<>();
        for (Org branch : branches) {
            List<PointsQueries.Member> party = people.stream().filter(PointsQueries.Member::party)
                    .filter(m -> paths.getOrDefault(m.orgCode(), "").startsWith(branch.path())).toList();
            List<MonthValue> months = new ArrayList<>();
            for (int m = 1; m <= 12; m++) {
                YearMonth month = YearMonth.of(year, m);
                double average = party.isEmpty() ? 0 : round(party.stream()
                        .mapToInt(p -> members.getOrDefault(p.username(), Map.of()).getOrDefault(month, 0)).sum()
                        / (double) party.size());
                int branchPoints = own.getOrDefault(branch.code(), Map.of()).getOrDefault(month, 0);
                months.add(new MonthValue(month.toString(), average, branchPoints, round(average + branchPoints)));
            }
            out.add(new BranchTrend(branch.code(), branch.name(), months));
        }
        out.sort(Comparator.comparingDouble((BranchTrend b) -> -b.months().stream().mapToDouble(MonthValue::value).sum())
                .thenComparing(BranchTrend::code));
        return new Trend(org.code(), org.name(), year, out.stream().limit(TREND_BRANCHES).toList());
    }

    /** The entries of a branch (its members' and its own) for the year, or one month of it when {@code month} is set. */
    public Drill drill(Org branch, int year, YearMonth month) {
        List<PointsQueries.Member> people = queries.people(branch);
        Map<String, String> names = new HashMap<>();
        people.forEach(p -> names.put(p.username(), p.name()));
        List<Credits.Credited> credited = new ArrayList<>(Credits.of(rows.effective(Earned.MEMBER,
                people.stream().map(PointsQueries.Member::username).toList(), year)));
        credited.addAll(Credits.of(rows.effective(Earned.BRANCH, List.of(branch.code()), year)));
        Map<String, String> rules = table.ruleNames();
        List<Credits.Credited> shown = credited.stream().filter(c -> month == null || c.row().period().equals(month))
                .sorted(Comparator.comparing((Credits.Credited c) -> c.row().at()).reversed()
                        .thenComparing(c -> c.row().id(), Comparator.reverseOrder()))
                .toList();
        int total = shown.stream().mapToInt(Credits.Credited::points).sum();
        List<DrillEntry> entries = new ArrayList<>();
        for (Credits.Credited c : shown.subList(0, Math.min(DRILL_ENTRIES, shown.size()))) {
            LedgerRows.Row r = c.row();
            boolean own = Earned.BRANCH.equals(r.subjectKind());
            entries.add(new DrillEntry(r.at().atZone(zone).toLocalDate().toString(), r.period().toString(),
                    own ? branch.name() : names.getOrDefault(r.subject(), r.subject()), own, own ? null : r.subject(),
                    r.rule(), rules.getOrDefault(r.rule(), "积分规则"), r.category(), c.points(), r.eventId(), r.caseId()));
        }
        return new Drill(branch.code(), branch.name(), year, month == null ? null : month.toString(), total,
                shown.size() > DRILL_ENTRIES, entries);
    }

    private Map<String, Map<YearMonth, Integer>> byMonth(String kind, List<String> subjects, int year) {
        Map<String, Map<YearMonth, Integer>> out = new HashMap<>();
        for (Credits.Credited c : Credits.of(rows.effective(kind, subjects, year))) {
            out.computeIfAbsent(c.row().subject(), s -> new HashMap<>()).merge(c.row().period(), c.points(), Integer::sum);
        }
        return out;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
