package cn.xianfeng.portal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * A one-time password (set by whoever created the account, or by an officer's reset) opens only the door to change
 * it: pages redirect to /account/password, the API answers 403 with a problem of type {@link #PROBLEM_TYPE}, except
 * for changing the password itself and reading {@code /api/me}.
 */
public final class PasswordChangeGate extends OncePerRequestFilter {

    public static final String PROBLEM_TYPE = "/problems/password-change-required";
    static final String MESSAGE = "须先修改密码：当前密码为一次性密码，请通过 POST /api/me/password 或页面“修改密码”设置新密码";
    private static final Set<String> OPEN = Set.of("/api/me/password", "/api/me", "/account/password", "/logout",
            "/login", "/favicon.ico", "/error");
    private static final List<String> OPEN_PREFIXES = List.of("/css/", "/js/", "/webjars/");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!mustChange(SecurityContextHolder.getContext().getAuthentication()) || OPEN.contains(path)
                || OPEN_PREFIXES.stream().anyMatch(path::startsWith)) {
            chain.doFilter(request, response);
            return;
        }
        if (path.startsWith("/api/")) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"" + PROBLEM_TYPE + "\",\"title\":\"Forbidden\",\"status\":403,"
                    + "\"detail\":\"" + MESSAGE + "\",\"errors\":[{\"field\":\"password\",\"message\":\"" + MESSAGE + "\"}]}");
            return;
        }
        response.sendRedirect(request.getContextPath() + "/account/password");
    }

    static boolean mustChange(Authentication a) {
        return a != null && a.isAuthenticated() && a.getAuthorities().stream()
                .anyMatch(g -> PersonDetailsService.PASSWORD_CHANGE_REQUIRED.equals(g.getAuthority()));
    }

    /** After the person changed their password: the signed-in session no longer carries the one-time mark. */
    public static void passwordChanged(HttpServletRequest request, HttpServletResponse response) {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (!mustChange(a)) {
            return;
        }
        List<GrantedAuthority> kept = a.getAuthorities().stream()
                .filter(g -> !PersonDetailsService.PASSWORD_CHANGE_REQUIRED.equals(g.getAuthority()))
                .map(g -> (GrantedAuthority) g).toList();
        UsernamePasswordAuthenticationToken changed = UsernamePasswordAuthenticationToken.authenticated(a.getPrincipal(),
                null, kept);
        changed.setDetails(a.getDetails());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(changed);
        SecurityContextHolder.setContext(context);
        new HttpSessionSecurityContextRepository().saveContext(context, request, response);
    }
}
