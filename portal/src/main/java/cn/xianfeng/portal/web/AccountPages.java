package cn.xianfeng.portal.web;

import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.Accounts;
import cn.xianfeng.portal.security.PasswordChangeGate;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 修改密码 (everyone; the only page open while a one-time password must be changed) and 重置他人密码 (officers, for
 * the people they outrank: the one-time password is shown once, never stored in clear or sent anywhere).
 */
@Controller
class AccountPages {

    private final Accounts accounts;

    AccountPages(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/account/password")
    String passwordForm(Principal user, Model model) {
        model.addAttribute("mustChange", accounts.changeRequired(user.getName()));
        model.addAttribute("errors", Map.of());
        return "account-password";
    }

    @PostMapping("/account/password")
    String change(@RequestParam(required = false) String currentPassword,
                  @RequestParam(required = false) String newPassword,
                  @RequestParam(required = false) String confirmPassword, Principal user, Model model,
                  HttpServletRequest request, HttpServletResponse response, RedirectAttributes flash) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (newPassword != null && !newPassword.equals(confirmPassword)) {
            errors.put("confirmPassword", "mismatch");
        }
        if (errors.isEmpty()) {
            try {
                accounts.changeOwn(user.getName(), currentPassword, newPassword);
                PasswordChangeGate.passwordChanged(request, response);
                flash.addFlashAttribute("passwordChanged", true);
                return "redirect:/account/password";
            } catch (InvalidInputException e) {
                e.violations().forEach(v -> errors.putIfAbsent(v.field(), Refusals.text(v)));
            }
        }
        response.setStatus(400);
        model.addAttribute("mustChange", accounts.changeRequired(user.getName()));
        model.addAttribute("errors", errors);
        return "account-password";
    }

    @GetMapping("/account/reset")
    String resetForm() {
        return "account-reset";
    }

    @PostMapping("/account/reset")
    String reset(@RequestParam(required = false) String username, Principal user, Model model,
                 HttpServletResponse response) {
        model.addAttribute("username", username);
        if (username == null || username.isBlank()) {
            response.setStatus(400);
            model.addAttribute("problem", "username");
            return "account-reset";
        }
        try {
            String oneTime = accounts.reset(username.strip(), user.getName());
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("oneTimePassword", oneTime);
        } catch (NotFoundException | ForbiddenException e) {
            response.setStatus(e instanceof NotFoundException ? 404 : 403);
            model.addAttribute("refusal", Refusals.text(e));
        }
        return "account-reset";
    }
}
