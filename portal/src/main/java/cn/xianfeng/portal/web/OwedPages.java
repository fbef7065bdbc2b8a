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
    static final int PERSON_PAGE = 20;
    private static final EnumSet<Role> READERS = EnumSet.of(Role.ADMIN, Role.ORG_DEPARTMENT, Role.SECRETARY,
            Role.AUDITOR, Role.COMMITTEE_REVIEWER, Role.BRANCH_COMMITTEE);

    private final Owed owed;
    private final People people;
    private final Notices notices;
    private final cn.xianfeng.portal.api.OwedReading reading;
    private final NameFilters filters;
    private final cn.xianfeng.org.Orgs orgs;

    OwedPages(Owed owed, People people, Notices notices, cn.xianfeng.portal.api.OwedReading reading,
              NameFilters filters, cn.xianfeng.org.Orgs orgs) {
        this.filters = filters;
        this.orgs = orgs;
        this.owed = owed;
        this.people = people;
        this.notices = notices;
        this.reading = reading;
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
        cn.xianfeng.portal.api.OwedReading.Read read = reading.of(chosen, user.getName(), ARREARS_SHOWN);
        model.addAttribute("view", read.tasks());
        // arrears are owed by the member: listed beside the tasks, with the org's collection this month
        model.addAttribute("duesMonth", read.month());
        model.addAttribute("arrears", read.arrears().members());
        model.addAttribute("arrearsTotal", read.arrears().total());
        return "owed";
    }

    /** Every task one person owes in an org's subtree, oldest first, page by page (the view shows the oldest few). */
    @GetMapping("/owed/person")
    String person(@RequestParam String org, @RequestParam String person,
                  @RequestParam(defaultValue = "0") int page, Principal user, Model model, java.util.Locale locale) {
        Owed.TaskPage tasks = owed.tasks(org, person, user.getName(), Math.max(page, 0), PERSON_PAGE).in(locale);
        // owed.tasks answered 404 for an org the viewer may not read
        model.addAttribute("org", org);
        model.addAttribute("orgName", orgs.find(org).map(cn.xianfeng.org.Org::name).orElse(org));
        model.addAttribute("name", people.find(person).map(Person::name).orElse(person));
        model.addAttribute("tasks", tasks);
        model.addAttribute("size", PERSON_PAGE);
        return "owed-person";
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
