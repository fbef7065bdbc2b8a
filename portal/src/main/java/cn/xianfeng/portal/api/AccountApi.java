package cn.xianfeng.portal.api;

import cn.xianfeng.org.Accounts;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/** Passwords: the person changes their own; an officer who outranks someone resets theirs to a one-time password. */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.ACCOUNT)
@RestController
@RequestMapping("/api")
class AccountApi {

    private final Accounts accounts;

    AccountApi(Accounts accounts) {
        this.accounts = accounts;
    }

    record PasswordChange(@NotNull @Size(max = 200) String currentPassword, @NotNull @Size(max = 200) String newPassword) {
    }

    record OneTimePassword(String username, String oneTimePassword, boolean passwordChangeRequired) {
    }

    @Operation(summary = "Change my password (≥ 10 characters, not the username, not a common password)")
    @PostMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void change(@Valid @RequestBody PasswordChange change, Principal user, HttpServletRequest request,
                HttpServletResponse response) {
        accounts.changeOwn(user.getName(), change.currentPassword(), change.newPassword());
        cn.xianfeng.portal.security.PasswordChangeGate.passwordChanged(request, response);
    }

    @Operation(summary = "Reset someone's password to a one-time password (an officer who outranks them)")
    @PostMapping("/people/{username}/password-reset")
    OneTimePassword reset(@PathVariable String username, Principal user, HttpServletResponse response) {
        String oneTime = accounts.reset(username, user.getName());
        response.setHeader("Cache-Control", "no-store");
        return new OneTimePassword(username, oneTime, true);
    }
}
