package cn.xianfeng.points;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.InvalidInputException.Violation;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.common.Refusal;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.points.AppraisalTypes.Appraisal;
import cn.xianfeng.points.AppraisalTypes.Grade;
import cn.xianfeng.points.AppraisalTypes.GradeInput;
import cn.xianfeng.points.PointsTypes.MemberTotal;
import cn.xianfeng.points.internal.AppraisalPdf;
import cn.xianfeng.points.internal.AppraisalScores;
import cn.xianfeng.points.internal.AssessmentRows;
import cn.xianfeng.points.internal.PointsQueries;
import cn.xianfeng.points.internal.RuleTable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The yearly appraisal (年度评议) of a branch's party members: points 60 % and 民主评议 40 % (AppraisalScores). After
 * the branch's 民主评议党员 meeting of the year is archived, its officers (secretary, or an officer above) enter each
 * member's grade; nobody enters their own. The appraisal is issued as a signed PDF per branch (AppraisalPdf).
 */
@Service
public class Appraisals {

    /** At most this many grades in one request (a branch rarely has a hundred members). */
    public static final int MAX_GRADES = 600;

    private final PointsAccess access;
    private final OrgAuthority authority;
    private final PointsQueries queries;
    private final AssessmentRows rows;
    private final AppraisalPdf pdf;
    private final Documents documents;
    private final AuditTrail audit;
    private final Clock clock;
    private final RuleTable ruleTable;

    Appraisals(PointsAccess access, OrgAuthority authority, PointsQueries queries, AssessmentRows rows, AppraisalPdf pdf,
               Documents documents, AuditTrail audit, Clock clock, RuleTable ruleTable) {
        this.ruleTable = ruleTable;
        this.access = access;
        this.authority = authority;
        this.queries = queries;
        this.rows = rows;
        this.pdf = pdf;
        this.documents = documents;
        this.audit = audit;
        this.clock = clock;
    }

    public boolean mayRecord(String branchCode, String viewer) {
        return authority.mayManage(viewer, branchCode);
    }

    /** The branch's appraisal of the year, for those who read the branch. */
    public Appraisal appraisal(String code, Integer year, String viewer) {
        Org branch = PointsAccess.branch(access.readable(code, viewer));
        return compute(branch, access.year(year));
    }

    @Transactional
    public Appraisal record(String code, Integer year, List<GradeInput> grades, String actor) {
        Org branch = managed(code, actor);
        int y = access.pastOrCurrentYear(year);
        Map<String, String> party = partyMembers(branch, y);
        List<Violation> bad = new ArrayList<>();
        if (grades == null || grades.isEmpty() || grades.size() > MAX_GRADES) {
            throw InvalidInputException.of("grades", Refusal.of("points.gradesCount", String.valueOf(MAX_GRADES)));
        }
        Map<String, Grade> valid = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < grades.size(); i++) {
            GradeInput g = grades.get(i);
            String u = g == null ? null : g.username();
            if (u == null || !party.containsKey(u) || !seen.add(u)) {
                bad.add(new Violation("grades[" + i + "].username", Refusal.of("points.gradeMember")));
                continue;
            }
            Grade grade = parse(g.grade());
            if (grade == null) {
                bad.add(new Violation("grades[" + i + "].grade", Refusal.of("points.gradeValue")));
                continue;
            }
            valid.put(u, grade);
        }
        if (!bad.isEmpty()) {
            throw new InvalidInputException(bad);
        }
        if (valid.containsKey(actor)) {
            throw new ForbiddenException(Refusal.of("points.gradeOwn"));
        }
        if (!rows.appraisalMeetingArchived(branch.path(), y, clock.getZone())) {
            throw new ConflictException(Refusal.of("points.appraisalMeetingMissing", String.valueOf(y)));
        }
        Instant now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>();
        valid.forEach((u, grade) -> {
            rows.insertGrade(branch.code(), y, u, grade, actor, now);
            data.put(u, grade.name());
        });
        audit.record(new AuditEntry(actor, branch.code(), AuditAction.POINTS_APPRAISAL_RECORDED, null, null, null,
                Map.of("year", y, "grades", data), null, null));
        return compute(branch, y);
    }

    /** Issues the appraisal as a signed PDF; at least one grade must have been recorded. Returns the document's code. */
    @Transactional
    public String issue(String code, Integer year, String actor) {
        Org branch = managed(code, actor);
        int y = access.pastOrCurrentYear(year);
        Appraisal a = compute(branch, y);
        if (a.members().stream().allMatch(r -> r.grade() == null)) {
            throw new ConflictException(Refusal.of("points.appraisalNoGrades"));
        }
        if (a.members().size() > AppraisalPdf.MAX_ROWS) {
            throw new cn.xianfeng.common.TooLargeException(Refusal.of("points.appraisalTooLarge",
                    String.valueOf(AppraisalPdf.MAX_ROWS)));
        }
        return pdf.issue(a, actor);
    }

    /** The latest appraisal PDF issued for the branch's year. */
    public byte[] pdf(String code, Integer year, String viewer) {
        Org branch = PointsAccess.branch(access.readable(code, viewer));
        int y = access.year(year);
        return rows.latestDocument(branch.code(), y).map(d -> documents.content(d.code()))
                .orElseThrow(() -> new NotFoundException(Refusal.of("points.appraisalNotIssued")));
    }

    private Org managed(String code, String actor) {
        Org org = access.visible(code, actor);
        if (!authority.mayManage(actor, org.code())) {
            throw new ForbiddenException(Refusal.of("points.appraisalNotAllowed"));
        }
        return PointsAccess.branch(org);
    }

    private Map<String, String> partyMembers(Org branch, int year) {
        Map<String, String> out = new LinkedHashMap<>();
        queries.org(branch, year).members().forEach(m -> out.put(m.username(), m.name()));
        Set<String> party = queries.partyMembers(branch);
        out.keySet().retainAll(party);
        return out;
    }

    private Appraisal compute(Org branch, int year) {
        Set<String> party = queries.partyMembers(branch);
        List<AppraisalScores.Member> members = new ArrayList<>();
        Map<String, Integer> totals = new HashMap<>();
        for (MemberTotal m : queries.org(branch, year).members()) {
            if (party.contains(m.username())) {
                members.add(new AppraisalScores.Member(m.username(), m.name()));
                totals.put(m.username(), m.total());
            }
        }
        AppraisalScores.Result r = AppraisalScores.of(members, totals, rows.grades(branch.code(), year),
                ruleTable.gradeScores());
        var doc = rows.latestDocument(branch.code(), year).orElse(null);
        return new Appraisal(branch.code(), branch.name(), year, r.best(),
                rows.appraisalMeetingArchived(branch.path(), year, clock.getZone()), r.rows(),
                doc == null ? null : doc.code(), doc == null ? null : doc.at());
    }

    private static Grade parse(String grade) {
        try {
            return grade == null ? null : Grade.valueOf(grade);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
