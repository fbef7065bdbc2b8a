package cn.xianfeng.portal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Cache policy of the static assets. A fingerprinted URL ({@code app-<md5 of the content>.css}, as the pages link
 * them) never changes meaning: cached a year, immutable. The plain URL ({@code /css/app.css}, {@code /favicon.ico}
 * as browsers ask for it) may change with a release: revalidated each time. An error is never cached. Everything
 * else (pages, API) keeps Spring Security's {@code no-store}.
 */
final class AssetCaching extends OncePerRequestFilter {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    private static final Pattern FINGERPRINTED = Pattern.compile("-[0-9a-f]{32}\\.[A-Za-z0-9]+$");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String policy = FINGERPRINTED.matcher(request.getRequestURI()).find() ? IMMUTABLE : REVALIDATE;
        Policed policed = new Policed(response, policy);
        policed.setHeader(HttpHeaders.CACHE_CONTROL, policy);
        chain.doFilter(request, policed);
    }

    /** Keeps the policy whatever the resource handler sets, except on an error. */
    private static final class Policed extends HttpServletResponseWrapper {

        private String policy;

        Policed(HttpServletResponse response, String policy) {
            super(response);
            this.policy = policy;
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name) ? policy : value);
        }

        @Override
        public void addHeader(String name, String value) {
            if (HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name)) {
                super.setHeader(name, policy);
            } else {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setStatus(int sc) {
            noStoreOnError(sc);
            super.setStatus(sc);
        }

        @Override
        public void sendError(int sc) throws IOException {
            noStoreOnError(sc);
            super.sendError(sc);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            noStoreOnError(sc);
            super.sendError(sc, msg);
        }

        private void noStoreOnError(int status) {
            if (status >= 400) {
                policy = "no-store";
                super.setHeader(HttpHeaders.CACHE_CONTROL, policy);
            }
        }
    }
}
