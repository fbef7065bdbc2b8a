package cn.xianfeng.portal.web;

import cn.xianfeng.notice.Notices;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import cn.xianfeng.workflow.Owed;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.security.Principal;
import java.util.EnumSet;

/** 谁欠谁, the page a county organization department opens every morning; and one's notices. */
@Controller
class OwedPages {

    /** The members in arrears the page lists (most unpaid months first); the workbook lists the rest. */
    static final int ARREARS_SHOWN = 50;
    private static final EnumSet<Role> READERS = EnumSet.of(Role.ADMIN, Role.ORG_DEPARTMENT, Role.SECRETARY,
            Role.AUDITOR, Role.COMMITTEE_REVIEWER, Role.BRANCH_COMMITTEE);

    private final Owed owed;
    private final People people;
    private final Notices notices;
    private final cn.xianfeng.dues.DuesCollection dues;
    private final NameFilters filters;

    OwedPages(Owed owed, People people, Notices notices, cn.xianfeng.dues.DuesCollection dues, NameFilters filters) {
        this.filters = filters;
        this.owed = owed;
        this.people = people;
        this.notices = notices;
        this.dues = dues;
    }

    @GetMapping("/owed")
    String owed(@RequestParam(required = false) String org, @RequestParam(name = "_pick.org", required = false) String typed,
                Principal user, Model model) {
        Person me = people.get(user.getName());
        // an org by name as well as by code: 城关社区 finds 城关社区党支部; several matches are offered to choose
        NameFilters.Filter filter = filters.org(user.getName(), org, typed);
        model.addAttribute("filter", filter);
        // a code in the address that names nothing the viewer may see still answers 404, as before (owed.of refuses it)
        boolean addressOnly = org != null && !org.isBlank() && (typed == null || typed.isBlank());
        String chosen = filter.value() != null ? filter.value()
                : addressOnly && filter.choices().isEmpty() ? org.strip() : me.roles().stream().filter(r -> READERS.contains(r.role()))
                .map(r -> r.orgCode()).findFirst().orElse(me.superuser() ? "C01" : me.orgCode());
        model.addAttribute("view", owed.of(chosen, user.getName()));
        // arrears are owed by the member: listed beside the tasks, with the org's collection this month
        model.addAttribute("duesMonth", dues.thisMonth(chosen, user.getName()));
        var arrears = dues.arrears(chosen, user.getName(), ARREARS_SHOWN);
        model.addAttribute("arrears", arrears.members());
        model.addAttribute("arrearsTotal", arrears.total());
        return "owed";
    }

    @GetMapping("/notices")
    String notices(Principal user, Model model) {
        model.addAttribute("items", notices.of(user.getName(), 100));
        return "notices";
    }

    @PostMapping("/notices/read")
    String read(Principal user) {
        notices.markRead(user.getName(), null);
        return "redirect:/notices";
    }
}
