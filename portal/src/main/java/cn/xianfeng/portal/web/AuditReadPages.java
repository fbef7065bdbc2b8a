package cn.xianfeng.portal.web;

import cn.xianfeng.audit.AuditRead;
import cn.xianfeng.audit.AuditReads;
import cn.xianfeng.common.Page;
import cn.xianfeng.portal.security.AuditorReads;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** 我的查阅记录: an auditor's own reads; administrators may look at anyone's (or everyone's). */
@Controller
class AuditReadPages {

    static final int PAGE_SIZE = 50;

    private final AuditReads log;
    private final AuditorReads readers;
    private final cn.xianfeng.workflow.CaseReads caseReads;
    private final ZoneId zone;
    private final cn.xianfeng.workflow.Cases cases;

    AuditReadPages(AuditReads log, AuditorReads readers, Clock clock, cn.xianfeng.workflow.Cases cases,
                   cn.xianfeng.workflow.CaseReads caseReads) {
        this.caseReads = caseReads;
        this.cases = cases;
        this.log = log;
        this.readers = readers;
        this.zone = clock.getZone();
    }

    @GetMapping("/audit/reads")
    String reads(@RequestParam(required = false) String actor,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                 @RequestParam(defaultValue = "0") int page, Principal user, Model model) {
        String who = readers.readableActor(user.getName(), actor);
        int current = Math.max(0, page);
        Page<AuditRead> reads = log.list(who, from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), current, PAGE_SIZE);
        model.addAttribute("reads", reads);
        model.addAttribute("subjects", subjects(reads, user.getName()));
        model.addAttribute("administrator", readers.isAdministrator(user.getName()));
        model.addAttribute("actor", AuditSearchPages.blankToNull(actor));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("page", current);
        model.addAttribute("pageSize", PAGE_SIZE);
        return "audit-reads";
    }

    /** Case subjects for the page's rows, as far as the viewer may still see the case (the id otherwise). */
    private java.util.Map<String, String> subjects(Page<AuditRead> reads, String viewer) {
        java.util.Map<String, String> subjects = new java.util.HashMap<>();
        reads.items().stream().map(AuditRead::caseId).filter(java.util.Objects::nonNull).distinct()
                .forEach(id -> subjects.put(id, caseReads.subjectOf(id, viewer).orElse(id)));
        return subjects;
    }
}
