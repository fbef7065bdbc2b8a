package cn.xianfeng.portal.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import java.time.Duration;
import java.util.Locale;

/**
 * Simplified Chinese by default; {@code ?lang=en} switches to English and a cookie remembers it. Changing requests
 * pass a bulkhead ({@link WriteBulkhead}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final WriteBulkhead writes;

    /**
     * {@code xianfeng.http.concurrent-writes}: changing requests run at once (0: as many as the machine has cores, at
     * least 2); {@code xianfeng.http.write-wait}: how long one waits for its turn before 503.
     */
    WebConfiguration(@org.springframework.beans.factory.annotation.Value("${xianfeng.http.concurrent-writes:0}") int writes,
                     @org.springframework.beans.factory.annotation.Value("${xianfeng.http.write-wait:PT30S}") Duration wait,
                     org.springframework.context.MessageSource messages) {
        this.writes = new WriteBulkhead(writes > 0 ? writes : Math.max(2, Runtime.getRuntime().availableProcessors()), wait,
                messages);
    }

    @Bean
    LocaleResolver localeResolver() {
        // Pages speak the language chosen with ?lang (a cookie), Chinese by default; the API follows Accept-Language
        CookieLocaleResolver resolver = new CookieLocaleResolver("xianfeng-lang") {
            @Override
            public Locale resolveLocale(jakarta.servlet.http.HttpServletRequest request) {
                Locale api = apiLocale(request);
                return api != null ? api : super.resolveLocale(request);
            }

            @Override
            public org.springframework.context.i18n.LocaleContext resolveLocaleContext(
                    jakarta.servlet.http.HttpServletRequest request) {
                Locale api = apiLocale(request);
                return api != null ? new org.springframework.context.i18n.SimpleTimeZoneAwareLocaleContext(api, null)
                        : super.resolveLocaleContext(request);
            }
        };
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    /**
     * An API request's language from Accept-Language (English or Chinese); null for pages, without the header, and
     * when the person chose with ?lang (the verify page lives under /api/public and offers a language switch).
     */
    private static Locale apiLocale(jakarta.servlet.http.HttpServletRequest request) {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || request.getHeader("Accept-Language") == null || chosen(request)) {
            return null;
        }
        return "en".equals(request.getLocale().getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }

    private static boolean chosen(jakarta.servlet.http.HttpServletRequest request) {
        String query = request.getQueryString();
        return query != null && (query.startsWith("lang=") || query.contains("&lang="));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
        registry.addInterceptor(writes);
    }
}
