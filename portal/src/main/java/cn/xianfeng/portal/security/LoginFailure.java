package cn.xianfeng.portal.security;

import cn.xianfeng.portal.DatabaseOutage;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * A failed sign-in goes back to the form with an error, except when the database could not be asked at all:
 * then 503, so that nobody is told their password is wrong while PostgreSQL is down. Too many attempts from this
 * address: back to the form, which says how long to wait.
 */
@Component
class LoginFailure implements AuthenticationFailureHandler {

    private final AuthenticationFailureHandler wrongCredentials = new SimpleUrlAuthenticationFailureHandler("/login?error");

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) throws IOException, ServletException {
        if (DatabaseOutage.causedBy(e)) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        if (e instanceof SignInThrottled t) {
            response.sendRedirect(request.getContextPath() + "/login?throttled=" + t.retryAfterSeconds());
            return;
        }
        wrongCredentials.onAuthenticationFailure(request, response, e);
    }
}
