package cn.xianfeng.portal.web;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.org.People;
import cn.xianfeng.workflow.TaskLists;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.Completion;
import cn.xianfeng.workflow.WorkflowTypes.NextStep;
import cn.xianfeng.workflow.WorkflowTypes.TaskDetail;
import cn.xianfeng.workflow.WorkflowTypes.TaskFilter;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** 我的任务: the lists, and one task's form rendered from its definition with what the viewer may do. */
@Controller
class TaskPages {

    private final TaskLists lists;
    private final Tasks tasks;
    private final cn.xianfeng.workflow.Cases cases;
    private final People people;
    private final FormSubmission submission;
    private final NameFilters filters;

    TaskPages(TaskLists lists, Tasks tasks, cn.xianfeng.workflow.Cases cases, People people, FormSubmission submission,
              NameFilters filters) {
        this.filters = filters;
        this.lists = lists;
        this.tasks = tasks;
        this.cases = cases;
        this.people = people;
        this.submission = submission;
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
        show(detail, detail.values(), Map.of(), Map.of(), null, user, model);
        return "task";
    }

    @PostMapping("/tasks/{id}/claim")
    String claim(@PathVariable String id, Principal user, RedirectAttributes flash) {
        try {
            tasks.claim(id, user.getName());
            flash.addFlashAttribute("notice", "claimed");
        } catch (cn.xianfeng.common.ConflictException | cn.xianfeng.common.ForbiddenException e) {
            flash.addFlashAttribute("problem", Refusals.text(e));
        }
        return "redirect:/tasks/" + id;
    }

    /**
     * Submits the form (or a co-signer's opinion). Uploads are stored first, on their own and still the uploader's
     * (unbound), so that a form that comes back with errors keeps them; the engine owns the completion's transaction,
     * binds the files to the case there and retries a completion that meets a stale case, as over the API. The
     * add/remove row buttons of a group (without script) post here too: the form comes back with the rows changed
     * and nothing completed.
     */
    @PostMapping("/tasks/{id}")
    String complete(@PathVariable String id, @RequestParam(required = false) String comment, Principal user,
                    HttpServletRequest request, HttpServletResponse response, Locale locale, Model model,
                    RedirectAttributes flash) {
        TaskDetail detail = tasks.get(id, user.getName());
        FormSubmission.Read read = detail.form() == null ? new FormSubmission.Read(Map.of(), Map.of(), Map.of(), null)
                : submission.read(detail.form(), request, user.getName(), people.get(user.getName()).orgCode(),
                detail.task().caseId(), locale);
        if (read.changesRows()) {
            show(detail, read.values(), read.typed(), Map.of(), comment, user, model);
            return "task";
        }
        try {
            if (detail.form() != null) {
                submission.requireReadable(read, detail.form(), locale, user.getName());
            }
            Completion done = tasks.complete(id, read.values(), comment, user.getName(), locale);
            banner(done, flash);
            return done.signed() ? "redirect:/tasks" : done.held() ? "redirect:/tasks/" + id : "redirect:/cases/" + done.caseId();
        } catch (InvalidInputException e) {
            response.setStatus(400);
            show(detail, read.values(), read.typed(), FormSubmission.fieldErrors(e), comment, user, model);
            return "task";
        } catch (cn.xianfeng.common.ConflictException | cn.xianfeng.common.ForbiddenException e) {
            flash.addFlashAttribute("problem", Refusals.text(e));
            return "redirect:/tasks/" + id;
        }
    }

    /** The banner says what the submission did: held for co-signers, signed, ended (how), returned or moved on. */
    static void banner(Completion done, RedirectAttributes flash) {
        if (done.held() || done.signed()) {
            flash.addFlashAttribute("notice", done.held() ? "completedHeld" : "signed");
            return;
        }
        if (done.status() != cn.xianfeng.workflow.CaseStatus.ACTIVE) {
            flash.addFlashAttribute("notice", "completedEnded." + done.status().name());
            return;
        }
        if (done.next().isEmpty()) {
            flash.addFlashAttribute("notice", "completed");
            return;
        }
        boolean back = done.next().stream().allMatch(NextStep::repeated);
        flash.addFlashAttribute("notice", back ? "completedBack" : "completedNext");
        flash.addFlashAttribute("noticeArg", done.next().stream().map(NextStep::name).distinct()
                .collect(Collectors.joining("」「")));
    }

    private void show(TaskDetail detail, Map<String, Object> values, Map<String, String> typed,
                      Map<String, String> errors, String comment, Principal user, Model model) {
        model.addAttribute("detail", detail);
        model.addAttribute("can", detail.allowed().stream().map(Enum::name).collect(Collectors.toSet()));
        // the holder waiting for co-signers before deciding is told whom they wait for
        String waitingFor = detail.held() != null ? null : detail.signers().stream()
                .filter(s -> s.position() == cn.xianfeng.workflow.WorkflowTypes.SignPosition.BEFORE
                        && s.state() == cn.xianfeng.workflow.WorkflowTypes.SignerState.OPEN)
                .map(s -> people.find(s.username()).map(cn.xianfeng.org.Person::name).orElse(s.username()))
                .collect(Collectors.joining("、"));
        model.addAttribute("waitingFor", waitingFor == null || waitingFor.isEmpty() ? null : waitingFor);
        model.addAttribute("caseHistory", cases.history(detail.task().caseId(), user.getName()));
        Map<String, String> passed = new LinkedHashMap<>();
        if (detail.allowed().contains(cn.xianfeng.workflow.WorkflowTypes.TaskAction.RETURN)) {
            passed.putAll(cases.passedSteps(detail.task().caseId(), user.getName()));
            passed.remove(detail.task().stepId());
        }
        model.addAttribute("passed", passed);
        model.addAttribute("values", values);
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        model.addAttribute("comment", comment);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
