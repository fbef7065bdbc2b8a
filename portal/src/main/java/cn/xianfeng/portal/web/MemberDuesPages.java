package cn.xianfeng.portal.web;

import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.dues.DuesBases;
import cn.xianfeng.dues.DuesCollection;
import cn.xianfeng.dues.DuesLedger;
import cn.xianfeng.dues.DuesTypes.BaseDeclaration;
import cn.xianfeng.dues.DuesTypes.MemberDues;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;

/**
 * 我的党费 (the member's standard, paid months, arrears and receipts, and their yearly base declaration) and one
 * member's dues as a collector sees them (declaring or confirming the base, correcting a payment).
 */
@Controller
class MemberDuesPages {

    private final DuesLedger ledger;
    private final DuesBases bases;
    private final DuesCollection collection;
    private final Clock clock;

    MemberDuesPages(DuesLedger ledger, DuesBases bases, DuesCollection collection, Clock clock) {
        this.ledger = ledger;
        this.bases = bases;
        this.collection = collection;
        this.clock = clock;
    }

    @GetMapping("/me/dues")
    String mine(Principal user, Model model) {
        return show(ledger.member(user.getName(), user.getName()), true, user, model);
    }

    @GetMapping("/dues/members/{username}")
    String member(@PathVariable String username, Principal user, Model model) {
        return show(ledger.member(username, user.getName()), user.getName().equals(username), user, model);
    }

    private String show(MemberDues d, boolean mine, Principal user, Model model) {
        model.addAttribute("d", d);
        model.addAttribute("mine", mine);
        model.addAttribute("collector", !mine && collection.mayCollect(user.getName(), d.orgCode()));
        model.addAttribute("thisMonth", YearMonth.now(clock).toString());
        return "dues-member";
    }

    @PostMapping({"/me/dues/base", "/dues/members/{username}/base"})
    String declare(@PathVariable(required = false) String username, @RequestParam(required = false) String category,
                   @RequestParam(required = false) String baseYuan, @RequestParam(required = false) String fixedYuan,
                   @RequestParam(required = false) String from, Principal user, RedirectAttributes flash) {
        String who = username == null ? user.getName() : username;
        try {
            Long base = DuesFormat.fen(baseYuan);
            bases.declare(who, new BaseDeclaration(category, base == null ? 0L : base, DuesFormat.fen(fixedYuan), from),
                    user.getName());
            flash.addFlashAttribute("declared", true);
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("errors", List.of("金额须为不超过两位小数的非负数"));
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("errors", e.violations().stream().map(Refusals::text).toList());
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            flash.addFlashAttribute("errors", List.of(Refusals.text(e)));
        }
        return back(username);
    }

    @PostMapping("/dues/members/{username}/decision")
    String decide(@PathVariable String username, @RequestParam(required = false) String decision,
                  @RequestParam(required = false) String reason, Principal user, RedirectAttributes flash) {
        try {
            bases.decide(username, decision, reason, user.getName());
            flash.addFlashAttribute("decided", decision);
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("errors", e.violations().stream().map(Refusals::text).toList());
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            flash.addFlashAttribute("errors", List.of(Refusals.text(e)));
        }
        return back(username);
    }

    @PostMapping("/dues/payments/{id}/reversal")
    String reverse(@PathVariable long id, @RequestParam String member, @RequestParam(required = false) String reason,
                   Principal user, RedirectAttributes flash) {
        try {
            ledger.reverse(id, reason, user.getName());
            flash.addFlashAttribute("reversed", id);
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("errors", e.violations().stream().map(Refusals::text).toList());
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            flash.addFlashAttribute("errors", List.of(Refusals.text(e)));
        }
        return back(member);
    }

    private static String back(String username) {
        return username == null ? "redirect:/me/dues"
                : "redirect:/dues/members/" + org.springframework.web.util.UriUtils.encodePathSegment(username,
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
