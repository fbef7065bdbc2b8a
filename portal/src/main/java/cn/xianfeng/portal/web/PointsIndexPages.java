package cn.xianfeng.portal.web;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.RefusedException;
import cn.xianfeng.points.AppraisalTypes.Grade;
import cn.xianfeng.points.AppraisalTypes.GradeInput;
import cn.xianfeng.points.Appraisals;
import cn.xianfeng.points.Assessments;
import cn.xianfeng.points.PointsTrends;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The committee's assessment form (on a branch's ranking), the yearly appraisal (年度评议: grades after the
 * 民主评议党员 meeting, the signed PDF), the entries behind a 先锋指数 number, and the monthly trend drawn as SVG for
 * the dashboard. The engine decides who may do what; a refusal comes back as the page's error.
 */
@Controller
class PointsIndexPages {

    private static final String GRADE = "grade:";

    private final Assessments assessments;
    private final Appraisals appraisals;
    private final PointsTrends trends;

    PointsIndexPages(Assessments assessments, Appraisals appraisals, PointsTrends trends) {
        this.assessments = assessments;
        this.appraisals = appraisals;
        this.trends = trends;
    }

    @PostMapping("/points/assessment")
    String assess(@RequestParam String org, @RequestParam(required = false) Integer year,
                  @RequestParam(required = false) String score, @RequestParam(required = false) String comment,
                  Principal user, RedirectAttributes flash) {
        try {
            Integer value = score == null || !score.strip().matches("-?\\d{1,4}") ? -1 : Integer.valueOf(score.strip());
            assessments.assess(org, year, value, comment, user.getName());
            flash.addFlashAttribute("assessed", true);
        } catch (InvalidInputException | RefusedException e) {
            flash.addFlashAttribute("errors", List.of(Refusals.text(e)));
        }
        flash.addAttribute("org", org);
        if (year != null) {
            flash.addAttribute("year", year);
        }
        return "redirect:/points";
    }

    @GetMapping("/points/appraisal")
    String appraisal(@RequestParam String org, @RequestParam(required = false) Integer year, Principal user,
                     Model model) {
        model.addAttribute("a", appraisals.appraisal(org, year, user.getName()));
        model.addAttribute("mayRecord", appraisals.mayRecord(org, user.getName()));
        model.addAttribute("grades", Grade.values());
        model.addAttribute("viewer", user.getName());
        return "points-appraisal";
    }

    @PostMapping("/points/appraisal/grades")
    String grades(@RequestParam String org, @RequestParam Integer year, @RequestParam Map<String, String> form,
                  Principal user, RedirectAttributes flash) {
        List<GradeInput> grades = new ArrayList<>();
        form.forEach((k, v) -> {
            if (k.startsWith(GRADE) && v != null && !v.isBlank()) {
                grades.add(new GradeInput(k.substring(GRADE.length()), v));
            }
        });
        try {
            appraisals.record(org, year, grades, user.getName());
            flash.addFlashAttribute("recorded", grades.size());
        } catch (InvalidInputException | RefusedException e) {
            flash.addFlashAttribute("errors", List.of(Refusals.text(e)));
        }
        flash.addAttribute("org", org);
        flash.addAttribute("year", year);
        return "redirect:/points/appraisal";
    }

    @PostMapping("/points/appraisal/document")
    String issue(@RequestParam String org, @RequestParam Integer year, Principal user, RedirectAttributes flash) {
        try {
            flash.addFlashAttribute("issued", appraisals.issue(org, year, user.getName()));
        } catch (InvalidInputException | RefusedException e) {
            flash.addFlashAttribute("errors", List.of(Refusals.text(e)));
        }
        flash.addAttribute("org", org);
        flash.addAttribute("year", year);
        return "redirect:/points/appraisal";
    }

    @GetMapping("/points/entries")
    String entries(@RequestParam String org, @RequestParam(required = false) Integer year,
                   @RequestParam(required = false) String month, Principal user, Model model) {
        model.addAttribute("d", trends.entries(org, year, month, user.getName()));
        return "points-entries";
    }

    /** The dashboard's trend card body (htmx): an SVG line per branch, each month's point linking to its entries. */
    @GetMapping("/points/trend")
    String trend(@RequestParam String org, @RequestParam(required = false) Integer year, Principal user,
                 HttpServletRequest request, Model model) {
        var trend = trends.trend(org, year, user.getName());
        model.addAttribute("t", trend);
        model.addAttribute("chart", TrendSvg.of(trend, request.getContextPath()));
        model.addAttribute("w", TrendSvg.WIDTH);
        model.addAttribute("h", TrendSvg.HEIGHT);
        return "points-trend :: trend";
    }
}
