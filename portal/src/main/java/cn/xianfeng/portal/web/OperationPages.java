package cn.xianfeng.portal.web;

import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.TooManyRequestsException;
import cn.xianfeng.workflow.TaskOperations;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;

/** The task center's operations from the pages; each ends on the page it started from, saying what happened. */
@Controller
class OperationPages {

    private final TaskOperations operations;

    OperationPages(TaskOperations operations) {
        this.operations = operations;
    }

    @PostMapping("/tasks/{id}/return")
    String returnTo(@PathVariable String id, @RequestParam String toStepId, @RequestParam String reason,
                    @RequestParam String caseId, Principal user, RedirectAttributes flash) {
        return run(() -> operations.returnTo(id, toStepId, reason, user.getName()), "returned",
                "redirect:/cases/" + caseId, "redirect:/tasks/" + id, flash);
    }

    @PostMapping("/tasks/{id}/transfer")
    String transfer(@PathVariable String id, @RequestParam String to, @RequestParam String reason, Principal user,
                    RedirectAttributes flash) {
        return run(() -> operations.transfer(id, to.strip(), reason, user.getName()), "transferred", "redirect:/tasks",
                "redirect:/tasks/" + id, flash);
    }

    @PostMapping("/tasks/{id}/delegate")
    String delegate(@PathVariable String id, @RequestParam String to, Principal user, RedirectAttributes flash) {
        return run(() -> operations.delegate(id, to.strip(), user.getName()), "delegated", "redirect:/tasks",
                "redirect:/tasks/" + id, flash);
    }

    @PostMapping("/tasks/{id}/resolve")
    String resolve(@PathVariable String id, @RequestParam(required = false) String comment, Principal user,
                   RedirectAttributes flash) {
        return run(() -> operations.resolve(id, comment, user.getName()), "resolved", "redirect:/tasks",
                "redirect:/tasks/" + id, flash);
    }

    @PostMapping("/tasks/{id}/remind")
    String remind(@PathVariable String id, @RequestParam(required = false) String message, @RequestParam String caseId,
                  Principal user, RedirectAttributes flash) {
        return run(() -> operations.remind(id, message, user.getName()), "reminded", "redirect:/cases/" + caseId,
                "redirect:/cases/" + caseId, flash);
    }

    @PostMapping("/cases/{id}/withdraw")
    String withdraw(@PathVariable String id, @RequestParam String reason, Principal user, RedirectAttributes flash) {
        return run(() -> operations.withdraw(id, reason, user.getName()), "withdrawn", "redirect:/cases/" + id,
                "redirect:/cases/" + id, flash);
    }

    @PostMapping("/cases/{id}/copy")
    String copy(@PathVariable String id, @RequestParam String to, @RequestParam(required = false) String note,
                Principal user, RedirectAttributes flash) {
        return run(() -> operations.copy(id, to.strip(), note, user.getName()), "copied", "redirect:/cases/" + id,
                "redirect:/cases/" + id, flash);
    }

    private static String run(Runnable action, String notice, String success, String failure, RedirectAttributes flash) {
        try {
            action.run();
            flash.addFlashAttribute("notice", notice);
            return success;
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("problem", e.violations().get(0).message());
        } catch (ConflictException | ForbiddenException | TooManyRequestsException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return failure;
    }
}
