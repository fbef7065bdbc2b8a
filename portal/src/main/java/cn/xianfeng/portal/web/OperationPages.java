package cn.xianfeng.portal.web;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.TooManyRequestsException;
import cn.xianfeng.workflow.CaseActions;
import cn.xianfeng.workflow.CoSigners;
import cn.xianfeng.workflow.TaskOperations;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.SignPosition;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The task center's operations from the pages; each ends on the page it started from, saying what happened. The
 * engine decides who may do what (the pages only offer what it allows): a refusal comes back as the page's problem.
 */
@Controller
class OperationPages {

    private static final String PICK_TO = "_pick.to";

    private final TaskOperations operations;
    private final cn.xianfeng.workflow.FollowUps followUps;
    private final CoSigners coSigners;
    private final Tasks tasks;
    private final CaseActions cases;
    private final PickedNames names;

    OperationPages(TaskOperations operations, cn.xianfeng.workflow.FollowUps followUps, CoSigners coSigners, Tasks tasks, CaseActions cases, PickedNames names) {
        this.names = names;
        this.operations = operations;
        this.followUps = followUps;
        this.coSigners = coSigners;
        this.tasks = tasks;
        this.cases = cases;
    }

    @PostMapping("/tasks/{id}/return")
    String returnTo(@PathVariable String id, @RequestParam String toStepId, @RequestParam String reason,
                    @RequestParam String caseId, Principal user, RedirectAttributes flash) {
        return run(() -> operations.returnTo(id, toStepId, reason, user.getName()), "returned",
                "redirect:/cases/" + caseId, "redirect:/tasks/" + id, flash);
    }

    @PostMapping("/tasks/{id}/transfer")
    String transfer(@PathVariable String id, @RequestParam(required = false) List<String> to,
                    @RequestParam(name = PICK_TO, required = false) String typed, @RequestParam String reason,
                    Principal user, Locale locale, RedirectAttributes flash) {
        return run(() -> operations.transfer(id, one(to, typed, user.getName(), locale), reason, user.getName()),
                "transferred", "redirect:/tasks", "redirect:/tasks/" + id, flash);
    }

    @PostMapping("/tasks/{id}/delegate")
    String delegate(@PathVariable String id, @RequestParam(required = false) List<String> to,
                    @RequestParam(name = PICK_TO, required = false) String typed,
                    @RequestParam(required = false) String reason, Principal user, Locale locale,
                    RedirectAttributes flash) {
        return run(() -> operations.delegate(id, one(to, typed, user.getName(), locale), reason, user.getName()),
                "delegated", "redirect:/tasks/" + id, "redirect:/tasks/" + id, flash);
    }

    @PostMapping("/tasks/{id}/resolve")
    String resolve(@PathVariable String id, @RequestParam(required = false) String comment, Principal user,
                   RedirectAttributes flash) {
        return run(() -> operations.resolve(id, comment, user.getName()), "resolved", "redirect:/tasks",
                "redirect:/tasks/" + id, flash);
    }

    @PostMapping("/tasks/{id}/unclaim")
    String unclaim(@PathVariable String id, Principal user, RedirectAttributes flash) {
        return run(() -> tasks.unclaim(id, user.getName()), "unclaimed", "redirect:/tasks", "redirect:/tasks/" + id, flash);
    }

    @PostMapping("/tasks/{id}/comments")
    String commentOnTask(@PathVariable String id, @RequestParam String text, Principal user, RedirectAttributes flash) {
        return run(() -> tasks.comment(id, text, user.getName()), "commented", "redirect:/tasks/" + id,
                "redirect:/tasks/" + id, flash);
    }

    /** 加签: the people picked (usernames), and any typed without picking, separated by commas, resolved by name. */
    @PostMapping("/tasks/{id}/add-signers")
    String addSigners(@PathVariable String id, @RequestParam(required = false) List<String> users,
                      @RequestParam(name = "_pick.users", required = false) String typed, @RequestParam String position,
                      @RequestParam(required = false) String reason, Principal user, Locale locale,
                      RedirectAttributes flash) {
        return run(() -> coSigners.add(id, many(users, typed, user.getName(), locale), position(position), reason,
                user.getName()), "signersAdded", "redirect:/tasks/" + id, "redirect:/tasks/" + id, flash);
    }

    @PostMapping("/tasks/{id}/remove-signer")
    String removeSigner(@PathVariable String id, @RequestParam String user, @RequestParam(required = false) String reason,
                        Principal principal, RedirectAttributes flash) {
        return run(() -> coSigners.remove(id, user, reason, principal.getName()), "signerRemoved",
                "redirect:/tasks/" + id, "redirect:/tasks/" + id, flash);
    }

    @PostMapping("/tasks/{id}/remind")
    String remind(@PathVariable String id, @RequestParam(required = false) String message, @RequestParam String caseId,
                  Principal user, RedirectAttributes flash) {
        return run(() -> followUps.remind(id, message, user.getName()), "reminded", "redirect:/cases/" + caseId,
                "redirect:/cases/" + caseId, flash);
    }

    @PostMapping("/cases/{id}/withdraw")
    String withdraw(@PathVariable String id, @RequestParam String reason, Principal user, RedirectAttributes flash) {
        return run(() -> operations.withdraw(id, reason, user.getName()), "withdrawn", "redirect:/cases/" + id,
                "redirect:/cases/" + id, flash);
    }

    @PostMapping("/cases/{id}/copy")
    String copy(@PathVariable String id, @RequestParam(required = false) List<String> to,
                @RequestParam(name = PICK_TO, required = false) String typed,
                @RequestParam(required = false) String note, Principal user, Locale locale, RedirectAttributes flash) {
        return run(() -> followUps.copy(id, one(to, typed, user.getName(), locale), note, user.getName()), "copied",
                "redirect:/cases/" + id, "redirect:/cases/" + id, flash);
    }

    @PostMapping("/cases/{id}/cancel")
    String cancel(@PathVariable String id, @RequestParam(required = false) String reason, Principal user,
                  RedirectAttributes flash) {
        return run(() -> cases.cancel(id, reason, user.getName()), "cancelled", "redirect:/cases/mine",
                "redirect:/cases/" + id, flash);
    }

    @PostMapping("/cases/{id}/comments")
    String commentOnCase(@PathVariable String id, @RequestParam String text, Principal user, RedirectAttributes flash) {
        return run(() -> cases.comment(id, text, user.getName()), "commented", "redirect:/cases/" + id,
                "redirect:/cases/" + id, flash);
    }

    /** The one person picked (the last pick wins, as in forms), else the one the typed text names; 400 otherwise. */
    private String one(List<String> picked, String typed, String actor, Locale locale) {
        List<String> all = many(picked, typed, actor, locale);
        if (all.isEmpty()) {
            throw InvalidInputException.of("to", Refusal.of("workflow.choosePerson"));
        }
        return all.get(all.size() - 1);
    }

    private List<String> many(List<String> picked, String typed, String actor, Locale locale) {
        List<String> all = new java.util.ArrayList<>(picked == null ? List.of()
                : picked.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().limit(20).toList());
        if (typed != null && !typed.isBlank()) {
            for (String part : typed.split("[,，、;；]+")) {
                if (part.isBlank()) {
                    continue;
                }
                PickedNames.Outcome outcome = names.person(part, actor, locale);
                if (outcome.value() == null) {
                    throw InvalidInputException.of("to", outcome.problem());
                }
                all.add(outcome.value());
            }
        }
        return all.stream().distinct().limit(20).toList();
    }

    private static SignPosition position(String value) {
        try {
            return SignPosition.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null; // the engine names the field
        }
    }

    private static String run(Runnable action, String notice, String success, String failure, RedirectAttributes flash) {
        try {
            action.run();
            flash.addFlashAttribute("notice", notice);
            return success;
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("problem", Refusals.text(e.violations().get(0)));
        } catch (ConflictException | ForbiddenException | TooManyRequestsException e) {
            flash.addFlashAttribute("problem", Refusals.text(e));
        }
        return failure;
    }
}
