package cn.xianfeng.portal.security;

import cn.xianfeng.org.SignInThrottle;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Feeds sign-in outcomes to the throttle (per address and name) and the audit trail. */
@Component
class LoginOutcomes {

    private final SignInThrottle throttle;

    LoginOutcomes(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        throttle.failed(SignInProvider.address(event.getAuthentication()), event.getAuthentication().getName());
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        throttle.succeeded(SignInProvider.address(event.getAuthentication()), event.getAuthentication().getName());
    }
}
