package cn.xianfeng.portal.web;

import cn.xianfeng.evidence.Attachment;
import cn.xianfeng.evidence.FileType;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How a stored file leaves the portal. The content type is the one recognised from the file's bytes when it was
 * stored (never HTML, never what a client claimed), the browser may not sniff another, a PDF opens in a sandbox
 * with no script or form, and images and PDFs are shown inline while office files are downloaded.
 */
public final class Downloads {

    /** Nothing a stored file needs: no script, no form, no plugin, not framed; images may show. */
    static final String FILE_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; "
            + "frame-ancestors 'none'";

    private Downloads() {
    }

    public static ResponseEntity<byte[]> attachment(Attachment a, byte[] content) {
        boolean known = Arrays.stream(FileType.values()).anyMatch(t -> t.mediaType().equals(a.type()));
        MediaType type = known ? MediaType.parseMediaType(a.type()) : MediaType.APPLICATION_OCTET_STREAM;
        ContentDisposition disposition = (known && a.previewable() ? ContentDisposition.inline()
                : ContentDisposition.attachment()).filename(a.name(), StandardCharsets.UTF_8).build();
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", FILE_CSP)
                .header("Cross-Origin-Resource-Policy", "same-origin")
                .cacheControl(CacheControl.noCache().cachePrivate())
                .body(content);
    }
}
