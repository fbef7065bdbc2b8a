package cn.xianfeng.portal.web;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.TooManyRequestsException;
import cn.xianfeng.complaint.ComplaintTypes.Intake;
import cn.xianfeng.complaint.Complaints;
import cn.xianfeng.workflow.Cases;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.security.Principal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * 接诉即办 pages: the public intake and tracking (no sign-in, CSRF as on every form) and the staff dashboard of
 * the three rates, whose charts a static script draws from the rates API (CSP allows no inline script).
 */
@Controller
class ComplaintPages {

    private final Complaints complaints;
    private final Cases cases;

    ComplaintPages(Complaints complaints, Cases cases) {
        this.complaints = complaints;
        this.cases = cases;
    }

    /** What a tracking code can look like (letters, digits, dashes); anything else is not looked up. */
    private static final java.util.regex.Pattern TYPED_CODE = java.util.regex.Pattern.compile("[A-Z0-9-]{1,64}");

    @GetMapping("/public/complaints")
    String form(@RequestParam(required = false) String code, Model model) {
        if (code != null && !code.isBlank()) {
            String typed = code.strip().toUpperCase(Locale.ROOT);
            if (!TYPED_CODE.matcher(typed).matches()) {
                // not even the shape of a tracking code: the same answer as an unknown one, without a redirect
                throw new cn.xianfeng.common.NotFoundException(Refusal.of("complaint.unknownCodeOf", typed.substring(0, Math.min(typed.length(), 32))));
            }
            return "redirect:/public/complaints/" + typed;
        }
        return form(model, Map.of(), Map.of());
    }

    private String form(Model model, Map<String, Object> values, Map<String, String> errors) {
        model.addAttribute("form", cases.formOf("complaint", null));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "public-complaint";
    }

    @PostMapping("/public/complaints")
    String file(@RequestParam Map<String, String> params, HttpServletRequest request, HttpServletResponse response,
                Model model, Locale locale) {
        Intake intake = new Intake(params.get("category"), params.get("title"), params.get("content"),
                params.get("location"), "true".equals(params.get("anonymous")), params.get("contactName"),
                params.get("contactPhone"), params.get("website"));
        try {
            String code = complaints.intake(intake, request.getRemoteAddr(), locale);
            return "redirect:/public/complaints/" + code + "?filed";
        } catch (InvalidInputException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.violations().forEach(v -> errors.putIfAbsent(v.field(), Refusals.text(v)));
            response.setStatus(400);
            Map<String, Object> values = new HashMap<>(params);
            values.remove("_csrf");
            return form(model, values, errors);
        } catch (TooManyRequestsException e) {
            response.setStatus(429);
            model.addAttribute("status", 429);
            model.addAttribute("publicArea", true);
            model.addAttribute("message", Refusals.text(e));
            return "problem";
        }
    }

    @GetMapping("/public/complaints/{code}")
    String status(@PathVariable String code, @RequestParam(required = false) String filed, Model model) {
        model.addAttribute("c", complaints.track(code));
        model.addAttribute("filed", filed != null);
        return "public-complaint-status";
    }

    @PostMapping("/public/complaints/{code}/evaluation")
    String evaluate(@PathVariable String code, @RequestParam(required = false) String rating,
                    @RequestParam(required = false) String comment, HttpServletResponse response, Model model,
                    Locale locale) {
        try {
            complaints.evaluate(code, rating, comment, locale);
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("c", complaints.track(code));
            model.addAttribute("filed", false);
            model.addAttribute("problem", Refusals.text(e.violations().get(0)));
            return "public-complaint-status";
        }
        return "redirect:/public/complaints/" + code;
    }

    @GetMapping("/complaints/dashboard")
    String dashboard(@RequestParam(required = false) String org, Principal user, Model model) {
        model.addAttribute("org", org == null ? "" : org);
        return "complaint-dashboard";
    }

    @GetMapping("/complaints/{caseId}")
    String complaint(@PathVariable String caseId, Principal user, Model model) {
        model.addAttribute("c", complaints.view(caseId, user.getName()));
        return "complaint";
    }
}
