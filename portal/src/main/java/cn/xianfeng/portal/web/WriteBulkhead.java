package cn.xianfeng.portal.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code permits} changing requests (POST, PUT, PATCH, DELETE) run at once; the others wait their turn (in
 * arrival order), and after {@code wait} get 503 with Retry-After. A step costs tens of milliseconds of CPU on the
 * portal and in PostgreSQL: thirty of them at once on two cores made every reader (a 待办 list) wait behind all of
 * them for CPU and pooled connections. Readers are never held here.
 * <p>It runs as a handler interceptor: after Spring Security (an anonymous flood holds no permit) and after a
 * multipart body has been read (a slow upload holds none either).
 */
final class WriteBulkhead implements HandlerInterceptor {

    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String HELD = WriteBulkhead.class.getName() + ".held";

    private final Semaphore permits;
    private final Duration wait;
    private final MessageSource messages;

    WriteBulkhead(int permits, Duration wait, MessageSource messages) {
        if (permits < 1) {
            throw new IllegalArgumentException("xianfeng.http.concurrent-writes must be at least 1, not " + permits);
        }
        this.permits = new Semaphore(permits, true);
        this.wait = wait;
        this.messages = messages;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException, InterruptedException {
        if (!CHANGING.contains(request.getMethod()) || request.getDispatcherType() != DispatcherType.REQUEST
                || request.getAttribute(HELD) != null) {
            return true;
        }
        if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "5");
            response.setHeader("Cache-Control", "no-store");
            busy(request, response);
            return false;
        }
        request.setAttribute(HELD, Boolean.TRUE);
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        // called for every interceptor whose preHandle returned true; release only what this request took
        if (request.getAttribute(HELD) != null) {
            request.removeAttribute(HELD);
            permits.release();
        }
    }

    /** In the reader's language: a problem document for the API, a short page for a form or htmx post. */
    private void busy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = RequestContextUtils.getLocale(request);
        String title = messages.getMessage("problem.503", null, locale);
        String detail = messages.getMessage("http.busy", null, locale);
        String body;
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType("application/problem+json;charset=UTF-8");
            body = "{\"type\":\"about:blank\",\"title\":" + json(title) + ",\"status\":503,\"detail\":" + json(detail) + "}";
        } else {
            response.setContentType("text/html;charset=UTF-8");
            body = "<!DOCTYPE html><html lang=\"" + locale.toLanguageTag() + "\"><head><meta charset=\"utf-8\"><title>"
                    + HtmlUtils.htmlEscape(title) + "</title></head><body><h1>" + HtmlUtils.htmlEscape(title) + "</h1><p>"
                    + HtmlUtils.htmlEscape(detail) + "</p></body></html>";
        }
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String text) {
        return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    int available() {
        return permits.availablePermits();
    }
}
