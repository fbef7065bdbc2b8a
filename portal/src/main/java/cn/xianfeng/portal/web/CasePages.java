package cn.xianfeng.portal.web;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.org.People;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.FormDefinition;
import cn.xianfeng.workflow.FormRegistry;
import cn.xianfeng.workflow.HistoryArchive;
import cn.xianfeng.workflow.WorkflowTypes.CaseSummary;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;
import java.util.Locale;
import java.util.Map;

/** A case's page (status, current steps, history) and starting a new case from its start form. */
@Controller
class CasePages {

    private final Cases cases;
    private final Attachments attachments;
    private final FormRegistry forms;
    private final People people;
    private final FormSubmission submission;
    private final TransactionTemplate transaction;
    private final HistoryArchive archive;
    private final cn.xianfeng.portal.security.AuditorReads reads;

    CasePages(Cases cases, Attachments attachments, FormRegistry forms, People people,
              FormSubmission submission, PlatformTransactionManager transactions, HistoryArchive archive,
              cn.xianfeng.portal.security.AuditorReads reads) {
        this.archive = archive;
        this.reads = reads;
        this.cases = cases;
        this.attachments = attachments;
        this.forms = forms;
        this.people = people;
        this.submission = submission;
        this.transaction = new TransactionTemplate(transactions);
    }

    @GetMapping("/cases/{id}")
    String view(@PathVariable String id, Principal user, Model model, HttpServletRequest request) {
        model.addAttribute("c", cases.view(id, user.getName()));
        reads.record(user.getName(), cn.xianfeng.audit.ReadKind.CASE_VIEWED, id, "/cases/" + id, request);
        model.addAttribute("history", cases.history(id, user.getName()));
        model.addAttribute("attachments", attachments.ofCase(id));
        model.addAttribute("archived", archive.find(id, user.getName()).orElse(null));
        return "case";
    }

    @GetMapping("/cases/new")
    String startForm(@RequestParam(defaultValue = "report") String process, Model model) {
        model.addAttribute("process", process);
        model.addAttribute("form", forms.get(cases.startFormKey(process)));
        model.addAttribute("values", Map.of());
        model.addAttribute("errors", Map.of());
        return "case-new";
    }

    /** Uploads are stored first, on their own (kept when the form comes back); the start is one transaction. */
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
            CaseSummary started = transaction.execute(tx ->
                    cases.start(new StartCase(process, subject, read.values()), user.getName(), locale));
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
