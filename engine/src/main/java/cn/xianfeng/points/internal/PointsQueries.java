package cn.xianfeng.points.internal;

import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.points.PointsTypes.ChildOrg;
import cn.xianfeng.points.PointsTypes.Entry;
import cn.xianfeng.points.PointsTypes.MemberPoints;
import cn.xianfeng.points.PointsTypes.MemberTotal;
import cn.xianfeng.points.PointsTypes.OrgPoints;
import cn.xianfeng.org.Person;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Totals, ranks and the vanguard index from the ledger. A member's total is the year's credited points; their rank
 * counts the members of their branch (its groups included) with a higher total. A branch's index (先锋指数) is the
 * average total of its party members (probationary and full) plus the committee's assessment: the credited points of
 * branch events and the score the committee recorded for the year (AssessmentRows). A committee or general branch ranks the branches of its subtree by index.
 */
@Component
public class PointsQueries {

    /** A committee's answer lists its best members only. */
    static final int MEMBERS_SHOWN = 100;

    private final LedgerRows rows;
    private final Orgs orgs;
    private final RuleTable table;
    private final JdbcClient jdbc;
    private final java.time.ZoneId zone;
    private final AssessmentRows assessed;

    PointsQueries(LedgerRows rows, Orgs orgs, RuleTable table, JdbcClient jdbc, java.time.Clock clock,
                  AssessmentRows assessed) {
        this.zone = clock.getZone();
        this.assessed = assessed;
        this.rows = rows;
        this.orgs = orgs;
        this.table = table;
        this.jdbc = jdbc;
    }

    record Member(String username, String name, String orgCode, String status) {

        boolean party() {
            return "FULL".equals(status) || "PROBATIONARY".equals(status);
        }
    }

    /** The people of a subtree in the party's ranks or on the way to them (not transferred out, deceased, expelled). */
    List<Member> people(Org root) {
        return jdbc.sql("""
                        select p.username, p.name, p.org_code, p.status from person p join org_unit o on o.code = p.org_code
                         where starts_with(o.path, ?) and p.status in ('APPLICANT', 'ACTIVIST', 'CANDIDATE', 'PROBATIONARY', 'FULL')
                         order by p.username""")
                .param(root.path()).query((rs, i) -> new Member(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))).list();
    }

    /** The usernames of the party members (probationary and full) of a subtree: whom an appraisal covers. */
    public java.util.Set<String> partyMembers(Org root) {
        return people(root).stream().filter(Member::party).map(Member::username)
                .collect(java.util.stream.Collectors.toSet());
    }

    public MemberPoints member(Person person, int year) {
        List<Credits.Credited> credited = Credits.of(rows.effective(Earned.MEMBER, List.of(person.username()), year));
        Map<String, String> names = table.ruleNames();
        List<Entry> entries = new ArrayList<>();
        int total = 0;
        for (Credits.Credited c : credited) {
            LedgerRows.Row r = c.row();
            total += c.points();
            entries.add(new Entry(r.at(), c.points(), r.rule(), r.category(), r.eventId(), r.caseId(), r.points(),
                    c.points() != r.points(), names.getOrDefault(r.rule(), "积分规则"), r.period().toString(), r.item(),
                    r.at().atZone(zone).toLocalDate().toString()));
        }
        entries.sort(Comparator.comparing(Entry::at).reversed());
        Integer rank = null;
        String branchCode = null;
        String branchName = null;
        if (person.orgCode() != null) {
            Org branch = orgs.branchOf(person.orgCode());
            branchCode = branch.code();
            branchName = branch.name();
            List<Member> mates = people(branch);
            Map<String, Integer> totals = Credits.totals(rows.effective(Earned.MEMBER,
                    mates.stream().map(Member::username).toList(), year));
            int mine = total;
            rank = mates.stream().anyMatch(m -> m.username().equals(person.username()))
                    ? 1 + (int) mates.stream().filter(m -> totals.getOrDefault(m.username(), 0) > mine).count() : null;
        }
        return new MemberPoints(person.username(), person.name(), String.valueOf(year), total, rank, branchCode,
                branchName, entries);
    }

    public OrgPoints org(Org org, int year) {
        List<Member> people = people(org);
        Map<String, Integer> totals = Credits.totals(rows.effective(Earned.MEMBER,
                people.stream().map(Member::username).toList(), year));
        List<Org> subtree = orgs.subtree(org.code());
        Map<String, String> paths = new java.util.HashMap<>();
        subtree.forEach(o -> paths.put(o.code(), o.path()));
        List<Org> branches = subtree.stream().filter(o -> o.type() == OrgType.BRANCH).toList();
        Map<String, Integer> own = Credits.totals(rows.effective(Earned.BRANCH,
                branches.stream().map(Org::code).toList(), year));
        Map<String, AssessmentRows.Scored> scores = assessed.assessments(branches.stream().map(Org::code).toList(), year);
        Map<String, Integer> assessments = new java.util.HashMap<>();
        branches.forEach(b -> assessments.put(b.code(), own.getOrDefault(b.code(), 0)
                + (scores.containsKey(b.code()) ? scores.get(b.code()).score() : 0)));
        double average = average(people, totals);
        List<ChildOrg> children = new ArrayList<>();
        if (org.type() == OrgType.BRANCH) {
            for (Org group : orgs.children(org.code())) {
                children.add(new ChildOrg(group.code(), group.name(), null,
                        average(people.stream().filter(m -> m.orgCode().equals(group.code())).toList(), totals), null));
            }
        } else {
            for (Org branch : branches) {
                List<Member> inBranch = people.stream()
                        .filter(m -> paths.getOrDefault(m.orgCode(), "").startsWith(branch.path())).toList();
                double avg = average(inBranch, totals);
                children.add(new ChildOrg(branch.code(), branch.name(),
                        round(avg + assessments.getOrDefault(branch.code(), 0)), avg, assessments.getOrDefault(branch.code(), 0)));
            }
            children.sort(Comparator.comparing(ChildOrg::index, Comparator.reverseOrder()).thenComparing(ChildOrg::code));
        }
        List<MemberTotal> members = people.stream()
                .map(m -> new MemberTotal(m.username(), m.name(), totals.getOrDefault(m.username(), 0)))
                .sorted(Comparator.comparingInt(MemberTotal::total).reversed().thenComparing(MemberTotal::username))
                .limit(org.type() == OrgType.BRANCH ? Long.MAX_VALUE : MEMBERS_SHOWN).toList();
        boolean branch = org.type() == OrgType.BRANCH;
        Integer assessment = branch ? assessments.getOrDefault(org.code(), 0) : null;
        AssessmentRows.Scored score = scores.get(org.code());
        return new OrgPoints(org.code(), org.name(), String.valueOf(year), branch ? round(average + assessment) : null,
                average, assessment, children, members, branch ? own.getOrDefault(org.code(), 0) : null,
                branch && score != null ? score.score() : null);
    }

    private static double average(List<Member> people, Map<String, Integer> totals) {
        List<Member> party = people.stream().filter(Member::party).toList();
        return party.isEmpty() ? 0 : round(party.stream().mapToInt(m -> totals.getOrDefault(m.username(), 0)).sum()
                / (double) party.size());
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
