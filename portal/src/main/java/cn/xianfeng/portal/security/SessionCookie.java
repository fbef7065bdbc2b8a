package cn.xianfeng.portal.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.server.AbstractServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The session cookie carries {@code Secure} (browsers send it over HTTPS only) when
 * {@code xianfeng.cookie.secure} (XIANFENG_COOKIE_SECURE) says so; unset, it is Secure outside the demo
 * ({@code xianfeng.demo=false}, i.e. production) and not in the demo, which runs on plain http://localhost.
 * Applied after Boot's own {@code server.servlet.session} settings.
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class SessionCookie {

    private static final Logger log = LoggerFactory.getLogger(SessionCookie.class);

    static boolean secure(String configured, boolean demo) {
        return configured == null || configured.isBlank() ? !demo : Boolean.parseBoolean(configured.strip());
    }

    @Bean
    WebServerFactoryCustomizer<AbstractServletWebServerFactory> secureSessionCookie(
            @Value("${xianfeng.cookie.secure:}") String configured, @Value("${xianfeng.demo:true}") boolean demo) {
        boolean secure = secure(configured, demo);
        if (!secure && !demo) {
            log.warn("The session cookie is not Secure (xianfeng.cookie.secure=false): serve the portal over HTTPS "
                    + "and set it to true");
        }
        return new Customizer(secure);
    }

    private record Customizer(boolean secure) implements WebServerFactoryCustomizer<AbstractServletWebServerFactory>, Ordered {

        @Override
        public void customize(AbstractServletWebServerFactory factory) {
            factory.getSession().getCookie().setSecure(secure);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
