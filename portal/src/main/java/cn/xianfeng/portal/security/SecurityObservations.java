package cn.xianfeng.portal.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No Micrometer observations inside Spring Security: with an observation registry present (actuator) it wraps every
 * filter of the chain, the authentication manager and each authorization decision in an observation of its own,
 * ~12 % of a request's CPU in the profile of issue 17. With these settings the chain is not decorated at all (a
 * predicate rejecting {@code spring.security.*} would still run the wrappers, each finding a no-op). The request as a
 * whole is still observed ({@code http.server.requests}). WebSecurityTest.securityIsNotObservedFilterByFilter.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
