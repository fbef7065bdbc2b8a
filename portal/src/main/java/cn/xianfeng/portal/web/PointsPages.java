package cn.xianfeng.portal.web;

import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.points.Points;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.security.Principal;

/**
 * 我的积分 (a member's entries, each linking to the case or record that earned it, and the rank in the branch), one
 * member's points as an officer sees them, and an org's ranking: a branch's members, a committee's branches by
 * 先锋指数. The engine decides who may see what (404/403 as the API).
 */
@Controller
class PointsPages {

    private final Points points;
    private final People people;
    private final cn.xianfeng.points.Assessments assessments;
    private final cn.xianfeng.points.Appraisals appraisals;

    PointsPages(Points points, People people, cn.xianfeng.points.Assessments assessments,
                cn.xianfeng.points.Appraisals appraisals) {
        this.points = points;
        this.people = people;
        this.assessments = assessments;
        this.appraisals = appraisals;
    }

    @GetMapping("/me/points")
    String mine(@RequestParam(required = false) Integer year, Principal user, Model model) {
        model.addAttribute("p", points.member(user.getName(), year, user.getName()));
        model.addAttribute("mine", true);
        return "points-member";
    }

    @GetMapping("/points/members/{username}")
    String member(@PathVariable String username, @RequestParam(required = false) Integer year, Principal user,
                  Model model) {
        model.addAttribute("p", points.member(username, year, user.getName()));
        model.addAttribute("mine", user.getName().equals(username));
        return "points-member";
    }

    @GetMapping("/points")
    String ranking(@RequestParam(required = false) String org, @RequestParam(required = false) Integer year,
                   Principal user, Model model) {
        Person me = people.get(user.getName());
        String code = org != null ? org : me.roles().isEmpty() ? me.orgCode() : me.roles().get(0).orgCode();
        var o = points.org(code, year, user.getName());
        model.addAttribute("o", o);
        model.addAttribute("mayAssess", o.index() != null && assessments.mayAssess(o.org(), user.getName()));
        model.addAttribute("mayAppraise", o.index() != null && appraisals.mayRecord(o.org(), user.getName()));
        return "points-org";
    }
}
