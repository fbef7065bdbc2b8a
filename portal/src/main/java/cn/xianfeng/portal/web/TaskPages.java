package cn.xianfeng.portal.web;

import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.org.People;
import cn.xianfeng.workflow.TaskLists;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.Completion;
import cn.xianfeng.workflow.WorkflowTypes.TaskDetail;
import cn.xianfeng.workflow.WorkflowTypes.TaskFilter;
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

/** 我的任务: the lists, and one task's form rendered from its definition. */
@Controller
class TaskPages {

    private final TaskLists lists;
    private final Tasks tasks;
    private final cn.xianfeng.workflow.Cases cases;
    private final People people;
    private final FormSubmission submission;
    private final TransactionTemplate transaction;
    private final NameFilters filters;

    TaskPages(TaskLists lists, Tasks tasks, cn.xianfeng.workflow.Cases cases, People people, FormSubmission submission,
              PlatformTransactionManager transactions, NameFilters filters) {
        this.filters = filters;
        this.lists = lists;
        this.tasks = tasks;
        this.cases = cases;
        this.people = people;
        this.submission = submission;
        this.transaction = new TransactionTemplate(transactions);
    }

    @GetMapping("/tasks")
    String list(@RequestParam(defaultValue = "todo") String scope, @RequestParam(required = false) String process,
                @RequestParam(required = false) String org,
                @RequestParam(name = "_pick.org", required = false) String typedOrg,
                @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) String text,
                @RequestParam(required = false) String sort, @RequestParam(defaultValue = "0") int page,
                Principal user, Model model) {
        String s = "done".equals(scope) || "cc".equals(scope) ? scope : "todo";
        model.addAttribute("scope", s);
        model.addAttribute("process", process);
        model.addAttribute("overdue", overdue);
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("text", text);
        // the org by name (城关社区) as well as by code; a name that fits several is offered to choose from
        NameFilters.Filter orgFilter = filters.org(user.getName(), org, typedOrg);
        model.addAttribute("org", orgFilter.value());
        model.addAttribute("orgFilter", orgFilter);
        model.addAttribute("sort", sort);
        model.addAttribute("tasks", lists.list(new TaskFilter(s, blankToNull(process), orgFilter.value(), overdue, blankToNull(text),
                blankToNull(sort)), user.getName(), Math.max(0, page), 20));
        return "tasks";
    }

    @GetMapping("/tasks/{id}")
    String task(@PathVariable String id, Principal user, Model model) {
        TaskDetail detail = tasks.get(id, user.getName());
        model.addAttribute("detail", detail);
        model.addAttribute("caseHistory", cases.history(detail.task().caseId(), user.getName()));
        model.addAttribute("passed", cases.passedSteps(detail.task().caseId(), user.getName()));
        model.addAttribute("values", detail.values());
        model.addAttribute("errors", Map.of());
        return "task";
    }

    @PostMapping("/tasks/{id}/claim")
    String claim(@PathVariable String id, Principal user, RedirectAttributes flash) {
        try {
            tasks.claim(id, user.getName());
            flash.addFlashAttribute("notice", "claimed");
        } catch (ConflictException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/tasks/" + id;
    }

    /**
     * Uploads are stored first, on their own, so that a form that comes back with errors keeps them; the completion
     * is one transaction. The add/remove row buttons of a group (without script) post here too: the form comes back
     * with the rows changed and nothing completed.
     */
    @PostMapping("/tasks/{id}")
    String complete(@PathVariable String id, @RequestParam(required = false) String comment, Principal user,
                    HttpServletRequest request, HttpServletResponse response, Locale locale, Model model,
                    RedirectAttributes flash) {
        TaskDetail detail = tasks.get(id, user.getName());
        if (detail.form() == null) {
            return "redirect:/tasks/" + id;
        }
        FormSubmission.Read read = submission.read(detail.form(), request, user.getName(),
                people.get(user.getName()).orgCode(), detail.task().caseId(), locale);
        if (read.changesRows()) {
            return again(detail, read, Map.of(), comment, user, model);
        }
        try {
            submission.requireReadable(read, detail.form(), locale, user.getName());
            Completion done = transaction.execute(tx -> tasks.complete(id, read.values(), comment, user.getName(), locale));
            flash.addFlashAttribute("notice", "completed");
            return "redirect:/cases/" + done.caseId();
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return again(detail, read, FormSubmission.fieldErrors(e), comment, user, model);
        }
    }

    /** The task's page again with what was posted, what was typed into pickers, and the errors. */
    private String again(TaskDetail detail, FormSubmission.Read read, Map<String, String> errors, String comment,
                         Principal user, Model model) {
        model.addAttribute("detail", detail);
        model.addAttribute("caseHistory", cases.history(detail.task().caseId(), user.getName()));
        model.addAttribute("passed", cases.passedSteps(detail.task().caseId(), user.getName()));
        model.addAttribute("values", read.values());
        model.addAttribute("typed", read.typed());
        model.addAttribute("errors", errors);
        model.addAttribute("comment", comment);
        return "task";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
