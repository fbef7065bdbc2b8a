package cn.xianfeng.portal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

import java.io.IOException;

/**
 * Spring Session's filter, given the sessions through {@link OutageTolerantSessions}. Boot's session configuration
 * stays as it is (it backs off entirely when another SessionRepository bean exists), so the filter it made is
 * replaced by an equal one over the wrapper: same cookie (Boot's serializer), same JDBC repository.
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class SharedSessionsConfiguration {

    static final String FILTER = "springSessionRepositoryFilter";

    @Bean
    static BeanPostProcessor outageTolerantSessionFilter(ObjectProvider<JdbcIndexedSessionRepository> sessions,
                                                         ObjectProvider<CookieSerializer> cookies) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!FILTER.equals(name) || !(bean instanceof SessionRepositoryFilter<?>)) {
                    return bean;
                }
                OutageTolerantSessions tolerant = new OutageTolerantSessions(sessions.getObject());
                SessionRepositoryFilter<OutageTolerantSessions.Tracked> filter = new SessionRepositoryFilter<>(tolerant) {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                    FilterChain chain) throws ServletException, IOException {
                        try {
                            super.doFilterInternal(request, response, chain);
                        } finally {
                            tolerant.requestEnded();
                        }
                    }
                };
                CookieHttpSessionIdResolver ids = new CookieHttpSessionIdResolver();
                ids.setCookieSerializer(cookies.getObject());
                filter.setHttpSessionIdResolver(ids);
                return filter;
            }
        };
    }
}
