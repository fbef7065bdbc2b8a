package cn.xianfeng.portal.security;

import cn.xianfeng.org.Logins;
import cn.xianfeng.org.SignInThrottle;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Form and HTTP Basic sign-in: first the throttle of this (address, name), then the password, and only after a
 * correct password the account's state (disabled when membership ended), so that nobody learns an account's
 * state without its password. A throttled attempt is refused without checking the password (nor counted).
 */
@Component
class SignInProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;

    SignInProvider(Logins logins, PasswordEncoder encoder, SignInThrottle throttle) {
        this.throttle = throttle;
        this.passwords = new DaoAuthenticationProvider(encoder);
        this.passwords.setUserDetailsService(new PersonDetailsService(logins));
        this.passwords.setPreAuthenticationChecks(user -> { });
        this.passwords.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
    }

    static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        Duration wait;
        try {
            wait = throttle.waitFor(address(authentication), authentication.getName());
        } catch (RuntimeException e) {
            // e.g. the database is down: the failure handlers tell that from wrong credentials (503, not 401)
            throw new InternalAuthenticationServiceException(e.getMessage(), e);
        }
        if (!wait.isZero()) {
            throw new SignInThrottled(wait);
        }
        return passwords.authenticate(authentication);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
