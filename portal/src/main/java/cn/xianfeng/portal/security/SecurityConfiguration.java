package cn.xianfeng.portal.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two doors: HTTP Basic (or the page session) for /api, form login with CSRF for pages.
 * Who may do what with a case or task is decided in the engine; here only "who are you".
 */
// not in the command line rebuild (--xianfeng.reindex), which runs without the web server
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    static org.springframework.boot.web.servlet.FilterRegistrationBean<OutageFilter> outageFilter() {
        return OutageFilter.registration();
    }

    @Bean
    static org.springframework.boot.web.servlet.FilterRegistrationBean<ReadLogFilter> readLogFilter(
            cn.xianfeng.workflow.CaseReads reads) {
        return ReadLogFilter.registration(reads);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ProblemEntryPoint entryPoint) throws Exception {
        http.securityMatcher("/api/**", "/v3/api-docs/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/public/**", "/v3/api-docs/**").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(entryPoint))
                // sessions are PostgreSQL rows: an API call uses a page's session but never starts one
                .sessionManagement(s -> s.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.NEVER))
                .requestCache(c -> c.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint))
                // API clients authenticate with each request; pages calling the API with their session keep CSRF.
                .csrf(c -> c.ignoringRequestMatchers(r -> basicWithoutSession(r)
                        || r.getRequestURI().startsWith("/api/public/")))
                .addFilterAfter(new PasswordChangeGate(), AuthorizationFilter.class)
                .headers(h -> h.contentSecurityPolicy(p -> p.policyDirectives(CSP)));
        return http.build();
    }

    /**
     * CSRF protects what a browser sends on its own: the session cookie. A request carrying HTTP Basic credentials and
     * no session cookie is authenticated by those credentials alone (a cross-site page cannot set them), so it needs no
     * token. Any other Authorization header, or one beside a session cookie, gets no such pass: Spring's Basic filter
     * would take an existing session of the same name without checking the password.
     */
    static boolean basicWithoutSession(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                && request.getRequestedSessionId() == null;
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, LoginFailure loginFailure) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon-*.ico", "/error",
                                "/actuator/health/**", "/swagger-ui.html", "/swagger-ui/**", "/public/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/tasks", false).failureHandler(loginFailure)
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .addFilterAfter(new PasswordChangeGate(), AuthorizationFilter.class)
                .headers(h -> h
                        .contentSecurityPolicy(p -> p.policyDirectives(CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
