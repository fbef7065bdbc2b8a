package cn.xianfeng.portal.assets;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.DigestUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bpmn-js viewer without its inline style attributes. The bundle writes markup such as
 * {@code <div class="djs-overlay-container" style="position: absolute; …">} and the bpmn.io link with styles in
 * attributes, which the pages' CSP (style-src 'self') refuses, one console error each on every diagram page. Here the
 * attributes are cut from the bundle's markup strings once at start and the same rules come from
 * /css/diagram.css. The script is served under its content's MD5 (cached a year); it lives outside the web
 * package so that the pages' header model is not computed for it.
 */
@Controller("diagramScript")
public class DiagramScript {

    static final String BUNDLE = "classpath*:META-INF/resources/webjars/bpmn-js/*/dist/bpmn-navigated-viewer.production.min.js";

    /**
     * A style attribute inside one of the bundle's markup strings: plain text, or text joined with a variable
     * ({@code '+Ui+'}) or a joined list ({@code '+$i([…])+'}). A style attribute built any other way is left alone.
     */
    static final Pattern STYLE = Pattern.compile(" style=\"((?:[^\"'(\\\\]|'\\+[\\w$]+\\+'|'\\+[\\w$]+\\(\\[[^\\]]*\\]\\)\\+')*)\"");

    /** A style given as an SVG attribute in an object literal: diagram-js's text-measuring helper svg. */
    static final Pattern STYLE_KEY = Pattern.compile(",style:\"[^\"]*\"(?=})");

    private final byte[] script;
    private final String path;
    private final int removed;

    DiagramScript() {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver().getResources(BUNDLE);
            if (found.length == 0) {
                throw new IllegalStateException("bpmn-js is missing from the classpath: " + BUNDLE);
            }
            String text = new String(found[0].getContentAsByteArray(), StandardCharsets.UTF_8);
            Matcher m = STYLE.matcher(text);
            StringBuilder out = new StringBuilder(text.length());
            int count = 0;
            while (m.find()) {
                m.appendReplacement(out, "");
                count++;
            }
            m.appendTail(out);
            Matcher key = STYLE_KEY.matcher(out.toString());
            out = new StringBuilder(out.length());
            while (key.find()) {
                key.appendReplacement(out, "");
                count++;
            }
            key.appendTail(out);
            this.removed = count;
            this.script = out.toString().getBytes(StandardCharsets.UTF_8);
            this.path = "/js/bpmn-viewer-" + DigestUtils.md5DigestAsHex(script) + ".js";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script's URL for the pages (th:with, then @{${…}}: a bean is not reachable inside a link expression). */
    public String path() {
        return path;
    }

    /** How many style attributes were cut (the test pins it so that a new bpmn-js is looked at). */
    int removed() {
        return removed;
    }

    String source() {
        return new String(script, StandardCharsets.UTF_8);
    }

    @GetMapping("/js/bpmn-viewer-{hash:[0-9a-f]{32}}.js")
    ResponseEntity<byte[]> script(@PathVariable String hash) {
        if (!path.equals("/js/bpmn-viewer-" + hash + ".js")) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().contentType(MediaType.valueOf("text/javascript;charset=UTF-8"))
                .cacheControl(CacheControl.maxAge(365, TimeUnit.DAYS).cachePublic().immutable()).body(script);
    }
}
