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
import java.nio.charset.StandardCharsets;

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
            // No error dispatch: /error would need a session (its CSRF token lives in PostgreSQL) and inherit the
            // failed page's Content-Type, and answer 500. reset() drops that type, any partial body and the
            // Set-Cookie of a session that was never saved.
            response.reset();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "10");
            response.setHeader("Cache-Control", "no-store");
            boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
            response.setContentType(api ? "application/problem+json;charset=UTF-8" : "text/html;charset=UTF-8");
            response.getOutputStream().write((api ? UNAVAILABLE : page(request)).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A page with nothing that needs the database: no layout, no session, no CSRF token. */
    private static String page(HttpServletRequest request) {
        // the portal speaks Chinese unless the browser asks for English first (no locale resolver without the session)
        String asked = request.getHeader("Accept-Language");
        boolean english = asked != null && asked.trim().toLowerCase(java.util.Locale.ROOT).startsWith("en");
        String title = english ? "Service temporarily unavailable" : "服务暂不可用";
        String text = english ? "Please try again in a moment. Nothing you sent was lost: if it was not saved, it was not done."
                : "请稍后重试。您提交的内容不会只做一半：未保存的就没有办理。";
        return "<!DOCTYPE html><html lang=\"" + (english ? "en" : "zh-CN") + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
                + "</title></head><body style=\"font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em\"><h1>"
                + title + "</h1><p>" + text + "</p><p><a href=\"" + request.getContextPath() + "/\">"
                + (english ? "Try again" : "重试") + "</a></p></body></html>";
    }
}
