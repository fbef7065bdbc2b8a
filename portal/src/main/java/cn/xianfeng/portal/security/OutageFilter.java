package cn.xianfeng.portal.security;

import cn.xianfeng.portal.DatabaseOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The last net for a database outage: a failure that escapes every handler (e.g. the sign-in's lockout
 * bookkeeping, which runs inside Spring Security's filters, outside any controller advice) would otherwise
 * reach the container as a 500. Caused by an unreachable database, it is a 503 instead.
 */
final class OutageFilter extends OncePerRequestFilter {

    static final String UNAVAILABLE = "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
            + "\"detail\":\"服务暂不可用，请稍后重试\"}";

    /** Ahead of every other filter, Spring Security's included. */
    static FilterRegistrationBean<OutageFilter> registration() {
        FilterRegistrationBean<OutageFilter> registration = new FilterRegistrationBean<>(new OutageFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseOutage.causedBy(e) || response.isCommitted()) {
                throw e;
            }
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                // the session is read from PostgreSQL inside the security filters: an API client still gets the
                // problem+json the handlers give, not the error page's JSON
                response.resetBuffer();
                response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                response.setContentType("application/problem+json;charset=UTF-8");
                // the handler may have begun the body through the stream (the session is saved when it flushes)
                byte[] body = UNAVAILABLE.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                try {
                    response.getOutputStream().write(body);
                } catch (IllegalStateException writerInUse) {
                    response.getWriter().write(UNAVAILABLE);
                }
                return;
            }
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
    }
}
