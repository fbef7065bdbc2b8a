package cn.xianfeng.portal.web;

import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.security.Principal;

/** 工作看板: a committee's charts; the figures come from /api/dashboard, which checks who may read the org. */
@Controller
class DashboardPages {

    private final People people;

    DashboardPages(People people) {
        this.people = people;
    }

    @GetMapping("/dashboard")
    String dashboard(@RequestParam(required = false) String org, Principal user, Model model) {
        Person me = people.get(user.getName());
        model.addAttribute("org", org != null ? org : me.roles().isEmpty() ? me.orgCode() : me.roles().get(0).orgCode());
        return "dashboard";
    }
}
