package cn.xianfeng.points;

import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.common.Refusal;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The checks the assessment, appraisal and trend share with {@link Points#org}: an org someone may not see does not
 * exist for them (404), one they see but may not read is refused (403); a year lies between 2000 and next year.
 */
@Component
class PointsAccess {

    private final Orgs orgs;
    private final OrgAuthority authority;
    private final Clock clock;

    PointsAccess(Orgs orgs, OrgAuthority authority, Clock clock) {
        this.orgs = orgs;
        this.authority = authority;
        this.clock = clock;
    }

    Org visible(String code, String viewer) {
        Org org = code == null ? null : orgs.find(code).orElse(null);
        if (org == null || !authority.maySee(viewer, org.code())) {
            throw new NotFoundException(Refusal.of("common.orgNotFound", code));
        }
        return org;
    }

    Org readable(String code, String viewer) {
        Org org = visible(code, viewer);
        if (!authority.mayRead(viewer, org.code())) {
            throw new ForbiddenException(Refusal.of("points.rankingNotAllowed"));
        }
        return org;
    }

    static Org branch(Org org) {
        if (org.type() != OrgType.BRANCH) {
            throw InvalidInputException.of("org", Refusal.of("points.branchOnly"));
        }
        return org;
    }

    int year(Integer year) {
        int current = LocalDate.now(clock).getYear();
        if (year == null) {
            return current;
        }
        if (year < Points.FIRST_YEAR || year > current + 1) {
            throw InvalidInputException.of("year", Refusal.of("points.yearRange", String.valueOf(Points.FIRST_YEAR),
                    String.valueOf(current + 1)));
        }
        return year;
    }

    /** A year that has begun: what is assessed or appraised. */
    int pastOrCurrentYear(Integer year) {
        int current = LocalDate.now(clock).getYear();
        if (year == null) {
            return current;
        }
        if (year < Points.FIRST_YEAR || year > current) {
            throw InvalidInputException.of("year", Refusal.of("points.yearRange", String.valueOf(Points.FIRST_YEAR),
                    String.valueOf(current)));
        }
        return year;
    }
}
