package cn.xianfeng.portal.security;

import cn.xianfeng.portal.DatabaseOutage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;

/** 401 and 403 of the API as problem details, like every other refusal. */
@Component
class ProblemEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (DatabaseOutage.causedBy(e)) {
            // the credentials could not be checked at all: not a 401, which would tell the client they are wrong
            write(response, 503, "Service Unavailable", "服务暂不可用，请稍后重试");
            return;
        }
        if (e instanceof SignInThrottled t) {
            response.setHeader("Retry-After", String.valueOf(t.retryAfterSeconds()));
            write(response, 429, "Too Many Requests", "尝试次数过多，请 " + t.retryAfterSeconds() + " 秒后再试");
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"xianfeng\"");
        write(response, 401, "Unauthorized", "需要登录");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, 403, "Forbidden", "无权访问（若为页面请求，请刷新后重试）");
    }

    private static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }
}
