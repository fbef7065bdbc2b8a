package cn.xianfeng.points;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.points.PointsTypes.MemberPoints;
import cn.xianfeng.points.PointsTypes.OrgPoints;
import cn.xianfeng.points.PointsTypes.RebuildReport;
import cn.xianfeng.points.internal.DerivationPass;
import cn.xianfeng.points.internal.PointsQueries;
import cn.xianfeng.points.internal.LedgerRebuild;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The points module's entry: a member's year (the member themself, and officers and auditors above them), an org's
 * year and ranking (officers and auditors of its subtree), the rebuild (the bootstrap administrator), and the
 * derivation's catch-up (tests and demo data wait on it). Someone who may not see a member or org is told it does
 * not exist (404).
 */
@Service
public class Points {

    static final int FIRST_YEAR = 2000;
    private static final java.time.Duration CATCH_UP_LIMIT = java.time.Duration.ofMinutes(1);

    private final People people;
    private final Orgs orgs;
    private final OrgAuthority authority;
    private final PointsQueries queries;
    private final DerivationPass pass;
    private final LedgerRebuild rebuild;
    private final Clock clock;

    Points(People people, Orgs orgs, OrgAuthority authority, PointsQueries queries, DerivationPass pass, LedgerRebuild rebuild,
           Clock clock) {
        this.people = people;
        this.orgs = orgs;
        this.authority = authority;
        this.queries = queries;
        this.pass = pass;
        this.rebuild = rebuild;
        this.clock = clock;
    }

    public MemberPoints member(String username, Integer year, String viewer) {
        Person person = username == null ? null : people.find(username).orElse(null);
        if (person == null || !(viewer.equals(username)
                || person.orgCode() != null && authority.mayRead(viewer, person.orgCode()))) {
            throw new NotFoundException(Refusal.of("common.personNotFound", username));
        }
        return queries.member(person, year(year));
    }

    public OrgPoints org(String code, Integer year, String viewer) {
        Org org = code == null ? null : orgs.find(code).orElse(null);
        if (org == null || !authority.maySee(viewer, org.code())) {
            throw new NotFoundException(Refusal.of("common.orgNotFound", code));
        }
        if (!authority.mayRead(viewer, org.code())) {
            throw new ForbiddenException(Refusal.of("points.rankingNotAllowed"));
        }
        return queries.org(org, year(year));
    }

    /** Recomputes the ledger from the audit trail; {@code apply} appends a correction for each difference. */
    public RebuildReport rebuild(boolean apply, String actor) {
        authority.requireSuperuser(actor);
        return rebuild.run(apply, actor);
    }

    /**
     * Derives every event committed before the call; the number of entries appended. The cursor only passes events
     * below the oldest transaction still open anywhere (and skips while the job holds it), so this waits, at most a
     * minute, until nothing committed before the call is left behind it.
     */
    public int catchUp() {
        String horizon = pass.horizon();
        long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
        int total = 0;
        while (true) {
            for (int n = pass.batch(); n >= 0; n = pass.batch()) {
                total += n;
            }
            if (pass.passed(horizon) || System.nanoTime() > deadline) {
                return total;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return total;
            }
        }
    }

    private int year(Integer year) {
        int current = LocalDate.now(clock).getYear();
        if (year == null) {
            return current;
        }
        if (year < FIRST_YEAR || year > current + 1) {
            throw InvalidInputException.of("year", Refusal.of("points.yearRange", String.valueOf(FIRST_YEAR), String.valueOf(current + 1)));
        }
        return year;
    }
}
