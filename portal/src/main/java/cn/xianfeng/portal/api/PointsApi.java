package cn.xianfeng.portal.api;

import cn.xianfeng.points.Points;
import cn.xianfeng.points.PointsTypes.MemberPoints;
import cn.xianfeng.points.PointsTypes.OrgPoints;
import cn.xianfeng.points.PointsTypes.RebuildReport;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/** Points (API.md "Points"): a member's year, an org's ranking and 先锋指数, and the rebuild from the audit trail. */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.POINTS)
@RequestMapping("/api")
class PointsApi {

    private final Points points;

    PointsApi(Points points) {
        this.points = points;
    }

    @Operation(summary = "A member's points for a year (default this one): total, rank in the branch, and each entry "
            + "with its rule, category, the event and case that earned it; for the member and officers and auditors above")
    @GetMapping("/points/members/{username}")
    MemberPoints member(@PathVariable String username, @RequestParam(required = false) Integer year, Principal user) {
        return points.member(username, year, user.getName());
    }

    @Operation(summary = "My own points for a year (default this one)")
    @GetMapping("/me/points")
    MemberPoints mine(@RequestParam(required = false) Integer year, Principal user) {
        return points.member(user.getName(), year, user.getName());
    }

    @Operation(summary = "An org's year: members' average points, a branch's assessment and 先锋指数 (index = average + "
            + "assessment), its members by total; a committee's branches ranked by index (officers and auditors)")
    @GetMapping("/points/orgs/{code}")
    OrgPoints org(@PathVariable String code, @RequestParam(required = false) Integer year, Principal user) {
        return points.org(code, year, user.getName());
    }

    @Operation(summary = "Recomputes the points ledger from the audit trail with the current table and appends a "
            + "correction for every difference (dryRun=true only reports); the bootstrap administrator's")
    @PostMapping("/admin/points/rebuild")
    RebuildReport rebuild(@RequestParam(defaultValue = "false") boolean dryRun, Principal user) {
        return points.rebuild(!dryRun, user.getName());
    }
}
