package cn.xianfeng.portal.security;

import cn.xianfeng.org.Logins;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Feeds sign-in outcomes to the lockout and the audit trail. */
@Component
class LoginOutcomes {

    private final Logins logins;

    LoginOutcomes(Logins logins) {
        this.logins = logins;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails d
                ? d.getRemoteAddress() : null;
        logins.failed(String.valueOf(event.getAuthentication().getName()), address);
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        logins.succeeded(event.getAuthentication().getName());
    }
}
