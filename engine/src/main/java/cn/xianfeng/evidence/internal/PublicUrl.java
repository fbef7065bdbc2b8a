package cn.xianfeng.evidence.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The address people reach the portal at ({@code xianfeng.public-url}, {@code XIANFENG_PUBLIC_URL}), which every
 * document's footer and QR code print. A printed loopback address is useless to whoever holds the paper, so
 * outside the demo ({@code xianfeng.demo=false}) the application refuses to start without a non-loopback one; in
 * the demo it defaults to this server's own port on localhost.
 */
@Component
public class PublicUrl {

    private final String configured;
    private final Environment environment;

    PublicUrl(@Value("${xianfeng.public-url:}") String configured, @Value("${xianfeng.demo:true}") boolean demo,
              Environment environment) {
        this.environment = environment;
        this.configured = configured == null || configured.isBlank() ? null : normalized(configured.strip());
        if (!demo && (this.configured == null || loopback(this.configured))) {
            throw new IllegalStateException("xianfeng.public-url (XIANFENG_PUBLIC_URL) must be set to the address people "
                    + "reach the portal at, e.g. https://xianfeng.example.gov.cn: every issued document prints it in "
                    + "its footer and QR code" + (this.configured == null ? "" : "; a loopback address (" + this.configured
                    + ") reaches nobody who holds the paper"));
        }
    }

    /** The base address, without a trailing slash. */
    public String base() {
        if (configured != null) {
            return configured;
        }
        // the demo: this server's own port, known once the web server has started (random ports in tests)
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://localhost:" + port;
    }

    public String verifyUrl(String code) {
        return base() + "/api/public/verify/" + code;
    }

    static String normalized(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("xianfeng.public-url is not an address: " + url, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getQuery() != null
                || uri.getFragment() != null) {
            throw new IllegalStateException("xianfeng.public-url must be an http(s) address without query: " + url);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static boolean loopback(String url) {
        String host = URI.create(url).getHost().toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+") && !host.startsWith("[")) {
            return false; // a name: not resolved here (no lookups at start), only literal loopback names count
        }
        try {
            InetAddress a = InetAddress.getByName(host);
            return a.isLoopbackAddress() || a.isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
