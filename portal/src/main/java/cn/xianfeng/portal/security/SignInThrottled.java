package cn.xianfeng.portal.security;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** This address tried this account too often: it must wait before the password is even looked at. */
final class SignInThrottled extends AuthenticationException {

    private final Duration wait;

    SignInThrottled(Duration wait) {
        super("sign-in throttled");
        this.wait = wait;
    }

    /** Whole seconds, rounded up, for Retry-After. */
    long retryAfterSeconds() {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
