package cn.xianfeng.portal.web;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.common.TooLargeException;
import cn.xianfeng.common.TooManyRequestsException;
import cn.xianfeng.common.UnsupportedTypeException;
import cn.xianfeng.dues.DuesCollection;
import cn.xianfeng.dues.DuesImport;
import cn.xianfeng.dues.DuesLedger;
import cn.xianfeng.dues.DuesReminders;
import cn.xianfeng.dues.DuesTypes.NewPayment;
import cn.xianfeng.dues.DuesTypes.Recorded;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * 党费收缴: the collector's page (the branch's members with standard, paid-until and arrears; recording several
 * members and months at once; importing a bank statement with its row-by-row report; 催缴), read-only for
 * committees and auditors of the subtree.
 */
@Controller
class DuesPages {

    static final EnumSet<Role> ROLES = EnumSet.of(Role.SECRETARY, Role.DUES_COLLECTOR, Role.ADMIN, Role.ORG_DEPARTMENT,
            Role.COMMITTEE_REVIEWER, Role.AUDITOR);

    private final DuesCollection collection;
    private final DuesLedger ledger;
    private final DuesImport imports;
    private final DuesReminders reminders;
    private final People people;
    private final Clock clock;

    DuesPages(DuesCollection collection, DuesLedger ledger, DuesImport imports, DuesReminders reminders,
              People people, Clock clock) {
        this.collection = collection;
        this.ledger = ledger;
        this.imports = imports;
        this.reminders = reminders;
        this.people = people;
        this.clock = clock;
    }

    /** A recorded payment as the page reports it. */
    /** Carried to the next page in the flash map, which is stored in the shared (JDBC) session: serializable. */
    record Done(String name, List<String> months, long amountFen, String receiptCode) implements java.io.Serializable {
    }

    @GetMapping("/dues")
    String page(@RequestParam(required = false) String org, @RequestParam(required = false) String month,
                Principal user, Model model) {
        Person me = people.get(user.getName());
        List<String> orgs = me.roles().stream().filter(r -> ROLES.contains(r.role())).map(r -> r.orgCode())
                .distinct().toList();
        String chosen = org != null ? org : orgs.isEmpty() ? (me.superuser() ? "C01" : me.orgCode()) : orgs.get(0);
        model.addAttribute("orgs", orgs);
        model.addAttribute("view", collection.org(chosen, month, user.getName(), 0, DuesCollection.MAX_PAGE));
        model.addAttribute("collector", collection.mayCollect(user.getName(), chosen));
        model.addAttribute("today", LocalDate.now(clock).toString());
        return "dues";
    }

    @PostMapping("/dues/payments")
    String record(@RequestParam String org, @RequestParam(name = "member", required = false) List<String> members,
                  @RequestParam(defaultValue = "1") int count, @RequestParam(required = false) String paidOn,
                  Principal user, RedirectAttributes flash) {
        List<Done> done = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (members == null || members.isEmpty()) {
            errors.add("请勾选要登记的党员");
        }
        for (String member : members == null ? List.<String>of() : members) {
            try {
                NewPayment next = ledger.next(member, count, paidOn, user.getName());
                Recorded r = ledger.record(next, user.getName());
                done.add(new Done(people.get(member).name(), next.months(), next.amountFen(), r.receiptCode()));
            } catch (InvalidInputException e) {
                errors.add(name(member) + "：" + String.join("；", e.violations().stream().map(Refusals::text).toList()));
            } catch (ConflictException | ForbiddenException | NotFoundException e) {
                errors.add(name(member) + "：" + Refusals.text(e));
            }
        }
        flash.addFlashAttribute("recorded", done);
        flash.addFlashAttribute("errors", errors);
        flash.addAttribute("org", org);
        return "redirect:/dues";
    }

    @PostMapping("/dues/import")
    String importFile(@RequestParam String org, @RequestParam("file") MultipartFile file, Principal user,
                      RedirectAttributes flash) throws IOException {
        try {
            if (file.getSize() > DuesImport.MAX_BYTES) {
                throw new TooLargeException(Refusal.of("common.fileTooLarge", String.valueOf(DuesImport.MAX_BYTES / 1024 / 1024)));
            }
            flash.addFlashAttribute("report", imports.importFile(file.getOriginalFilename(), file.getBytes(),
                    user.getName()));
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("errors", List.of(Refusals.text(e.violations().get(0))));
        } catch (TooLargeException | UnsupportedTypeException | ForbiddenException e) {
            flash.addFlashAttribute("errors", List.of(Refusals.text(e)));
        }
        flash.addAttribute("org", org);
        return "redirect:/dues";
    }

    @PostMapping("/dues/members/{username}/remind")
    String remind(@PathVariable String username, @RequestParam String org, Principal user, RedirectAttributes flash) {
        try {
            reminders.urge(username, user.getName());
            flash.addFlashAttribute("reminded", people.get(username).name());
        } catch (ConflictException | TooManyRequestsException | ForbiddenException | NotFoundException e) {
            flash.addFlashAttribute("errors", List.of(Refusals.text(e)));
        }
        flash.addAttribute("org", org);
        return "redirect:/dues";
    }

    private String name(String username) {
        return people.find(username).map(Person::name).orElse(username);
    }
}
