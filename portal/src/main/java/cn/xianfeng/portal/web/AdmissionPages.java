package cn.xianfeng.portal.web;

import cn.xianfeng.admission.Admissions;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.security.Principal;
import java.util.EnumSet;
import java.util.List;

/** 我的入党进度 for applicants, and 发展党员 — the branch's list of its applicants — for its officers. */
@Controller
class AdmissionPages {

    static final List<String> STAGES = List.of("入党申请人", "入党积极分子", "发展对象", "预备党员的接收", "教育考察和转正");
    private static final EnumSet<Role> OFFICERS = EnumSet.of(Role.SECRETARY, Role.BRANCH_COMMITTEE,
            Role.COMMITTEE_REVIEWER, Role.ORG_DEPARTMENT, Role.ADMIN, Role.AUDITOR);

    private final Admissions admissions;
    private final People people;

    AdmissionPages(Admissions admissions, People people) {
        this.admissions = admissions;
        this.people = people;
    }

    @GetMapping("/me/admission")
    String mine(Principal user, Model model) {
        try {
            model.addAttribute("p", admissions.mine(user.getName()));
        } catch (NotFoundException none) {
            model.addAttribute("p", null);
        }
        model.addAttribute("stages", STAGES);
        return "admission-mine";
    }

    @GetMapping("/admissions")
    String branch(@RequestParam(required = false) String org, @RequestParam(required = false) String sort,
                  Principal user, Model model) {
        Person me = people.get(user.getName());
        List<String> orgs = me.roles().stream().filter(r -> OFFICERS.contains(r.role())).map(r -> r.orgCode())
                .distinct().toList();
        String chosen = org != null ? org : orgs.isEmpty() ? me.orgCode() : orgs.get(0);
        model.addAttribute("org", chosen);
        model.addAttribute("orgs", orgs);
        model.addAttribute("sort", sort == null ? "since" : sort);
        model.addAttribute("rows", chosen == null ? List.of() : admissions.within(chosen, user.getName(), sort));
        return "admissions";
    }
}
