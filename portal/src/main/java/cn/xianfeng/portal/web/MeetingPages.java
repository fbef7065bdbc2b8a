package cn.xianfeng.portal.web;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.evidence.Attachment;
import cn.xianfeng.meeting.MeetingCompliance;
import cn.xianfeng.meeting.Meetings;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.Role;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

/** 会议记录 (one record), 我的会议 (a member's notices and year), 会议督查 (a committee's compliance grid). */
@Controller
class MeetingPages {

    private static final EnumSet<Role> READERS = EnumSet.of(Role.SECRETARY, Role.COMMITTEE_REVIEWER,
            Role.ORG_DEPARTMENT, Role.ADMIN, Role.AUDITOR);

    private final Meetings meetings;
    private final MeetingCompliance compliance;
    private final People people;
    private final Clock clock;

    MeetingPages(Meetings meetings, MeetingCompliance compliance, People people, Clock clock) {
        this.meetings = meetings;
        this.compliance = compliance;
        this.people = people;
        this.clock = clock;
    }

    @GetMapping("/meetings/{caseId}")
    String record(@PathVariable String caseId, Principal user, Model model) {
        model.addAttribute("m", meetings.record(caseId, user.getName()));
        return "meeting";
    }

    @GetMapping("/meetings/{caseId}/files/{attachmentId}")
    ResponseEntity<byte[]> file(@PathVariable String caseId, @PathVariable String attachmentId, Principal user) {
        Attachment a = meetings.file(caseId, attachmentId, user.getName());
        return Downloads.attachment(a, meetings.content(a));
    }

    @PostMapping("/meetings/{caseId}/amendments")
    String amend(@PathVariable String caseId, @RequestParam(required = false) String reason,
                 @RequestParam(required = false) String text, Principal user, RedirectAttributes flash) {
        try {
            meetings.amend(caseId, reason, text, user.getName());
            flash.addFlashAttribute("notice", "amended");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("amendError", Refusals.text(e.violations().get(0)));
        }
        return "redirect:/meetings/" + caseId;
    }

    @GetMapping("/me/meetings")
    String mine(Principal user, Model model) {
        model.addAttribute("y", meetings.mine(user.getName(), LocalDate.now(clock).getYear()));
        return "meetings-mine";
    }

    @PostMapping("/me/meetings/{caseId}/attendance")
    String respond(@PathVariable String caseId, @RequestParam boolean attending,
                   @RequestParam(required = false) String reason, Principal user, RedirectAttributes flash) {
        try {
            meetings.respond(caseId, user.getName(), attending, reason);
            flash.addFlashAttribute("notice", "answered");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("answerError", Refusals.text(e.violations().get(0)));
        }
        return "redirect:/me/meetings";
    }

    @GetMapping("/meetings/compliance")
    String grid(@RequestParam(required = false) String org, @RequestParam(required = false) String period,
                Principal user, Model model, jakarta.servlet.http.HttpServletResponse response) {
        Person me = people.get(user.getName());
        List<String> orgs = me.roles().stream().filter(r -> READERS.contains(r.role())).map(r -> r.orgCode())
                .distinct().toList();
        String chosen = org != null ? org : orgs.isEmpty() ? me.orgCode() : orgs.get(0);
        java.time.YearMonth thisMonth = java.time.YearMonth.now(clock);
        java.time.YearMonth month = CompliancePeriod.parse(period, thisMonth);
        if (month == null) {
            response.setStatus(400);
            model.addAttribute("periodError", true);
            month = thisMonth;
        }
        model.addAttribute("orgs", orgs);
        model.addAttribute("period", month.toString());
        model.addAttribute("thisMonth", thisMonth.toString());
        model.addAttribute("grid", compliance.grid(chosen, user.getName(),
                month.equals(thisMonth) ? null : month.atEndOfMonth()));
        return "meeting-compliance";
    }
}
