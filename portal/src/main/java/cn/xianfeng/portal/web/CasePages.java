package cn.xianfeng.portal.web;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.org.People;
import cn.xianfeng.workflow.CaseActions;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.FormDefinition;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import cn.xianfeng.workflow.FormRegistry;
import cn.xianfeng.workflow.HistoryArchive;
import cn.xianfeng.workflow.WorkflowTypes.CaseSummary;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;
import java.util.Locale;
import java.util.Map;

/** A case's page (status, current steps, history, what the viewer may do), 我发起的, and starting a new case. */
@Controller
class CasePages {

    private final Cases cases;
    private final CaseActions actions;
    private final Attachments attachments;
    private final FormRegistry forms;
    private final People people;
    private final FormSubmission submission;
    private final HistoryArchive archive;
    private final cn.xianfeng.portal.security.AuditorReads reads;
    private final cn.xianfeng.admission.Admissions admissions;

    CasePages(Cases cases, CaseActions actions, Attachments attachments, FormRegistry forms, People people,
              FormSubmission submission, HistoryArchive archive, cn.xianfeng.portal.security.AuditorReads reads,
              cn.xianfeng.admission.Admissions admissions) {
        this.admissions = admissions;
        this.actions = actions;
        this.archive = archive;
        this.reads = reads;
        this.cases = cases;
        this.attachments = attachments;
        this.forms = forms;
        this.people = people;
        this.submission = submission;
    }

    @GetMapping("/cases/{id}")
    String view(@PathVariable String id, Principal user, Model model, HttpServletRequest request) {
        var view = cases.view(id, user.getName());
        model.addAttribute("c", view);
        if ("admission".equals(view.process())) { // 思想汇报 per quarter, for the secretary and the applicant
            model.addAttribute("thoughtReports", admissions.reportsByQuarter(id, user.getName()));
        }
        model.addAttribute("rights", cases.rights(id, user.getName()));
        var offer = actions.offered(id, user.getName());
        model.addAttribute("offer", offer);
        model.addAttribute("caseCan", offer.actions().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("history", cases.history(id, user.getName()));
        model.addAttribute("attachments", cases.attachments(id, user.getName()));
        model.addAttribute("archived", archive.find(id, user.getName()).orElse(null));
        return "case";
    }

    /** A file attached from the case page: only by someone with a role in the case (the engine decides). */
    @PostMapping("/cases/{id}/attachments")
    String attach(@PathVariable String id, @RequestParam("file") org.springframework.web.multipart.MultipartFile file,
                  Principal user, RedirectAttributes flash) throws java.io.IOException {
        try (var in = file.getInputStream()) {
            cases.attach(id, file.getOriginalFilename(), in, user.getName());
            flash.addFlashAttribute("notice", "attached");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("problem", Refusals.text(e.violations().get(0)));
        } catch (cn.xianfeng.common.ConflictException | cn.xianfeng.common.TooLargeException
                 | cn.xianfeng.common.UnsupportedTypeException e) {
            flash.addFlashAttribute("problem", Refusals.text(e));
        }
        return "redirect:/cases/" + id;
    }

    /** 我发起的: the viewer's own cases with where each stands, and 撤销 while nobody else has acted. */
    @GetMapping("/cases/mine")
    String mine(@RequestParam(defaultValue = "0") int page, Principal user, Model model) {
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("cases", actions.mine(user.getName(), Math.max(0, page), 20));
        return "cases-mine";
    }

    @GetMapping("/cases/new")
    String startForm(@RequestParam(defaultValue = "report") String process, Model model) {
        model.addAttribute("process", process);
        model.addAttribute("form", forms.get(cases.startFormKey(process)));
        model.addAttribute("values", Map.of());
        model.addAttribute("errors", Map.of());
        return "case-new";
    }

    /** Uploads are stored first, on their own (kept when the form comes back); the engine's start is one transaction. */
    @PostMapping("/cases")
    String start(@RequestParam String process, @RequestParam(required = false) String subject, Principal user,
                 HttpServletRequest request, HttpServletResponse response, Locale locale, Model model,
                 RedirectAttributes flash) {
        FormDefinition form = forms.get(cases.startFormKey(process));
        FormSubmission.Read read = submission.read(form, request, user.getName(), people.get(user.getName()).orgCode(),
                null, locale);
        if (read.changesRows()) {
            return again(process, form, read, Map.of(), subject, model);
        }
        try {
            submission.requireReadable(read, form, locale, user.getName());
            CaseSummary started = cases.start(new StartCase(process, subject, read.values()), user.getName(), locale);
            flash.addFlashAttribute("notice", "started");
            return "redirect:/cases/" + started.id();
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return again(process, form, read, FormSubmission.fieldErrors(e), subject, model);
        }
    }

    private static String again(String process, FormDefinition form, FormSubmission.Read read,
                                Map<String, String> errors, String subject, Model model) {
        model.addAttribute("process", process);
        model.addAttribute("form", form);
        model.addAttribute("values", read.values());
        model.addAttribute("typed", read.typed());
        model.addAttribute("errors", errors);
        model.addAttribute("subject", subject);
        return "case-new";
    }
}
