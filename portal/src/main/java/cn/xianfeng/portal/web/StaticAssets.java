package cn.xianfeng.portal.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Static assets: fingerprinted by content (spring.web.resources.chain in application.yml; Thymeleaf's {@code @{}}
 * links and the URLs inside CSS are rewritten to them), cached by {@link AssetCaching}, gzipped by the server
 * when the client accepts it (server.compression, for CSS, JavaScript, SVG and icons only: pages and JSON, which
 * carry CSRF tokens next to reflected input, stay uncompressed against BREACH-style guessing).
 */
@Configuration(proxyBeanMethods = false)
class StaticAssets {

    @Bean
    FilterRegistrationBean<AssetCaching> assetCaching() {
        FilterRegistrationBean<AssetCaching> registration = new FilterRegistrationBean<>(new AssetCaching());
        registration.addUrlPatterns("/css/*", "/js/*", "/webjars/*", "*.ico");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
