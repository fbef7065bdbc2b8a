package cn.xianfeng.points;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.Refusal;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import cn.xianfeng.points.AppraisalTypes.Assessment;
import cn.xianfeng.points.internal.AssessmentRows;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The committee's yearly assessment of a branch (0–100), one part of its 先锋指数. Only an officer (administrator,
 * organization department, secretary) of an org strictly above the branch assesses it, and never one who belongs to
 * the branch: its own secretary, or a secretary of the general branch above who is a member of it, cannot raise
 * their own branch's index. A later assessment of the same year replaces the earlier (both stay on record).
 */
@Service
public class Assessments {

    public static final int MAX_SCORE = 100;
    static final int MAX_COMMENT = 500;

    private final PointsAccess access;
    private final OrgAuthority authority;
    private final Orgs orgs;
    private final People people;
    private final AssessmentRows rows;
    private final AuditTrail audit;
    private final Clock clock;

    Assessments(PointsAccess access, OrgAuthority authority, Orgs orgs, People people, AssessmentRows rows,
                AuditTrail audit, Clock clock) {
        this.access = access;
        this.authority = authority;
        this.orgs = orgs;
        this.people = people;
        this.rows = rows;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether {@code viewer} may assess the branch (pages offer the form only then). */
    public boolean mayAssess(String branchCode, String viewer) {
        Org branch = orgs.find(branchCode).orElse(null);
        if (branch == null || branch.type() != cn.xianfeng.org.OrgType.BRANCH || branch.parentCode() == null) {
            return false;
        }
        boolean officerAbove = authority.isSuperuser(viewer) || authority.holdsAbove(viewer, branch.parentCode(),
                Role.ADMIN, Role.ORG_DEPARTMENT, Role.SECRETARY);
        Person me = people.find(viewer).orElse(null);
        boolean member = me != null && me.orgCode() != null && orgs.isWithin(me.orgCode(), branch.code());
        return officerAbove && !member;
    }

    @Transactional
    public Assessment assess(String code, Integer year, Integer score, String comment, String actor) {
        Org branch = access.visible(code, actor);
        if (!mayAssess(branch.code(), actor)) {
            throw new ForbiddenException(Refusal.of("points.assessNotAllowed"));
        }
        PointsAccess.branch(branch);
        List<InvalidInputException.Violation> bad = new ArrayList<>();
        int y = 0;
        try {
            y = access.pastOrCurrentYear(year);
        } catch (InvalidInputException e) {
            bad.addAll(e.violations());
        }
        if (score == null || score < 0 || score > MAX_SCORE) {
            bad.add(new InvalidInputException.Violation("score", Refusal.of("points.scoreRange", String.valueOf(MAX_SCORE))));
        }
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.length() > MAX_COMMENT) {
            bad.add(new InvalidInputException.Violation("comment", Refusal.of("points.commentLength", String.valueOf(MAX_COMMENT))));
        }
        if (!bad.isEmpty()) {
            throw new InvalidInputException(bad);
        }
        Instant now = clock.instant();
        rows.insertAssessment(branch.code(), y, score, text, actor, now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("year", y);
        data.put("score", score);
        if (text != null) {
            data.put("comment", text);
        }
        audit.record(new AuditEntry(actor, branch.code(), AuditAction.POINTS_BRANCH_ASSESSED, null, null, null, data,
                null, null));
        return new Assessment(branch.code(), branch.name(), y, score, text, actor, people.get(actor).name(), now);
    }

    /** The branch's assessment of the year, for those who read the branch. */
    public Optional<Assessment> of(String code, Integer year, String viewer) {
        Org branch = PointsAccess.branch(access.readable(code, viewer));
        int y = access.year(year);
        return Optional.ofNullable(rows.assessments(List.of(branch.code()), y).get(branch.code()))
                .map(s -> new Assessment(branch.code(), branch.name(), y, s.score(), s.comment(), s.assessedBy(),
                        people.find(s.assessedBy()).map(Person::name).orElse(""), s.at()));
    }
}
