package cn.xianfeng.portal.security;

import cn.xianfeng.audit.ReadOrigin;
import cn.xianfeng.workflow.CaseReads;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Binds each request's {@link ReadOrigin} (source address, request line), so that the engine's read façade can log
 * an auditor's reads wherever they happen. An auditor's response is held back until the reads it made are written
 * to the log; if they cannot be written, the auditor gets a 503 instead of the content. Failed requests (4xx, 5xx)
 * handed nothing out and log nothing. Other people's reads are not logged, and their responses are not held.
 */
final class ReadLogFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ReadLogFilter.class);

    private final CaseReads reads;

    private ReadLogFilter(CaseReads reads) {
        this.reads = reads;
    }

    /** After Spring Security, which tells who is reading. */
    static FilterRegistrationBean<ReadLogFilter> registration(CaseReads reads) {
        FilterRegistrationBean<ReadLogFilter> registration = new FilterRegistrationBean<>(new ReadLogFilter(reads));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        ReadOrigin origin = ReadOrigin.open(request.getRemoteAddr(),
                request.getMethod() + " " + request.getRequestURI() + (query == null ? "" : "?" + query));
        try {
            var user = SecurityContextHolder.getContext().getAuthentication();
            if (user == null || user instanceof AnonymousAuthenticationToken || !reads.isAuditReader(user.getName())) {
                chain.doFilter(request, response);
                return;
            }
            ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
            try {
                chain.doFilter(request, held);
                if (origin.hasPending() && held.getStatus() < 400) {
                    writeLog(origin, held);
                }
            } finally {
                held.copyBodyToResponse();
            }
        } finally {
            origin.close();
        }
    }

    private void writeLog(ReadOrigin origin, ContentCachingResponseWrapper held) throws IOException {
        try {
            reads.flush(origin);
        } catch (RuntimeException e) {
            LOG.error("The auditors' read log could not be written; the content is withheld", e);
            held.reset();
            held.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            held.setContentType("application/problem+json");
            held.setCharacterEncoding("UTF-8");
            held.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                    + "\"detail\":\"查阅记录无法写入，内容暂不提供，请稍后重试\"}").getBytes(StandardCharsets.UTF_8));
        }
    }
}
