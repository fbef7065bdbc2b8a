package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 8 over HTTP: pages link their scripts, styles and icon under content-fingerprinted URLs; those are
 * cached a year (immutable) and gzipped when the client accepts it; pages stay {@code no-store}; the favicon
 * exists and is linked; the URLs inside CSS (bpmn-js's font) are fingerprinted too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "xianfeng.demo-password=demo-2026")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class StaticAssetsTest {

    static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/(?:css|js|webjars)/[^\"]+|/favicon[^\"]*)\"");
    static final Pattern FINGERPRINT = Pattern.compile("-([0-9a-f]{32})\\.[a-z0-9]+$");
    /** Tomcat's server.compression.min-response-size (2 KB): smaller replies are sent as they are. */
    static final int MIN_COMPRESSED = 2048;
    static final Pattern CSS_URL = Pattern.compile("url\\('?(/webjars/[^')?#]+)");

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void pagesLinkFingerprintedAssetsThatAreCachedLongAndGzippedWhilePagesStayNoStore() throws Exception {
        HttpResponse<String> login = get("/login", false);
        assertNoStore(login);
        signIn(login.body());
        HttpResponse<String> dashboard = get("/dashboard", false);
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertNoStore(dashboard);

        List<String> assets = assets(dashboard.body());
        assertThat(assets).as("the dashboard's assets").anyMatch(a -> a.contains("/webjars/echarts/"))
                .anyMatch(a -> a.startsWith("/css/app-")).anyMatch(a -> a.startsWith("/favicon-"))
                .anyMatch(a -> a.contains("/webjars/htmx.org/"));
        for (String asset : assets) {
            Matcher fingerprint = FINGERPRINT.matcher(asset);
            assertThat(fingerprint.find()).as("fingerprinted: " + asset).isTrue();
            HttpResponse<byte[]> plain = bytes(asset, false);
            assertThat(plain.statusCode()).as(asset).isEqualTo(200);
            assertThat(plain.headers().firstValue("Cache-Control").orElse(""))
                    .as(asset).contains("max-age=31536000").contains("immutable").doesNotContain("no-store");
            String unversioned = asset.replace("-" + fingerprint.group(1) + ".", ".");
            assertThat(plain.body()).as("the same content as " + unversioned).isEqualTo(bytes(unversioned, false).body());
            if (!asset.endsWith(".css")) { // a stylesheet is served with its url()s rewritten to fingerprints
                assertThat(md5(plain.body())).as("the fingerprint is the content's MD5: " + asset).isEqualTo(fingerprint.group(1));
            }
            HttpResponse<byte[]> gzipped = bytes(asset, true);
            if (plain.body().length >= MIN_COMPRESSED) {
                assertThat(gzipped.headers().firstValue("Content-Encoding")).as(asset).hasValue("gzip");
                assertThat(gunzip(gzipped.body())).as(asset).isEqualTo(plain.body());
            } else {
                assertThat(gzipped.body()).as("too small to be worth compressing: " + asset).isEqualTo(plain.body());
            }
            assertThat(plain.headers().firstValue("Content-Encoding")).as("without Accept-Encoding: " + asset).isEmpty();
        }
        String echarts = assets.stream().filter(a -> a.contains("/echarts")).findFirst().orElseThrow();
        int raw = bytes(echarts, false).body().length;
        int compressed = bytes(echarts, true).body().length;
        System.out.printf("echarts: %d bytes, %d gzipped%n", raw, compressed);
        assertThat(compressed).isLessThan(raw / 2);
    }

    @Test
    void theFaviconIsServedAndLinkedOnEveryPageAndUnfingerprintedUrlsAreRevalidated() throws Exception {
        HttpResponse<byte[]> icon = bytes("/favicon.ico", false);
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type").orElse("")).contains("icon");
        assertThat(icon.body()).startsWith(0, 0, 1, 0); // ICO header
        assertThat(icon.headers().firstValue("Cache-Control")).as("a plain URL may change with a release").hasValue("no-cache");
        for (String page : List.of("/login", "/public/complaints")) {
            String body = get(page, false).body();
            assertThat(body).as(page).containsPattern("<link rel=\"icon\"[^>]*href=\"/favicon-[0-9a-f]{32}\\.ico\"");
        }
        assertThat(bytes("/css/app.css", false).headers().firstValue("Cache-Control")).hasValue("no-cache");
        HttpResponse<byte[]> missing = bytes("/css/missing-0123456789abcdef0123456789abcdef.css", false);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Cache-Control").orElse("")).as("an error is never cached")
                .doesNotContain("max-age=31536000");
    }

    @Test
    void theDiagramsStylesheetPointsAtFingerprintedFonts() throws Exception {
        signIn(get("/login", false).body());
        String caseId = Fixtures.startReport(port, "zhaoliu", "静态资源");
        HttpResponse<String> casePage = get("/cases/" + caseId, false);
        assertThat(casePage.statusCode()).isEqualTo(200);
        String bpmnCss = assets(casePage.body()).stream().filter(a -> a.endsWith(".css") && a.contains("bpmn-font"))
                .findFirst().orElseThrow(() -> new AssertionError("no bpmn-js stylesheet on the case page"));
        String css = new String(bytes(bpmnCss, false).body(), StandardCharsets.UTF_8);
        Matcher fonts = CSS_URL.matcher(css);
        int count = 0;
        while (fonts.find()) {
            count++;
            assertThat(fonts.group(1)).as("a font URL in the stylesheet").containsPattern(FINGERPRINT);
            assertThat(bytes(fonts.group(1), false).statusCode()).as(fonts.group(1)).isEqualTo(200);
        }
        assertThat(count).as("font URLs in " + bpmnCss).isPositive();
    }

    private void signIn(String loginPage) throws Exception {
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(csrf.find()).isTrue();
        String form = "username=zhangsan&password=" + Fixtures.DEMO + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(302);
    }

    private static void assertNoStore(HttpResponse<?> page) {
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).as(page.uri().toString()).contains("no-store");
        assertThat(page.headers().firstValue("Content-Encoding")).as("pages are not compressed").isEmpty();
    }

    private static List<String> assets(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = ASSET.matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private HttpResponse<String> get(String path, boolean gzip) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path));
        if (gzip) {
            b.header("Accept-Encoding", "gzip");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> bytes(String path, boolean gzip) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path));
        if (gzip) {
            b.header("Accept-Encoding", "gzip");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] gz) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
