package cn.xianfeng.evidence;

import cn.xianfeng.evidence.internal.PdfRendering;

import java.util.List;

/**
 * A PDF's first pages as JPEG images, bounded by {@link Limits} in pages, pixels, decoded bytes, operators and
 * time, for showing an uploaded PDF inside a document (or as a preview) without trusting the upload.
 *
 * @param pages      the rendered pages, at most the number asked for
 * @param totalPages the pages the PDF has (0 when it could not be read)
 * @param problem    why pages are missing (unreadable, over a limit), for the reader; null when all asked were rendered
 */
public record PdfPages(List<byte[]> pages, int totalPages, String problem) {

    /** Renders at most {@code maxPages} pages (and never more than {@link Limits#PAGES_PER_ATTACHMENT}) at {@code dpi}. */
    public static PdfPages render(byte[] pdf, int maxPages, float dpi) {
        return PdfRendering.render(pdf, Math.min(maxPages, Limits.PAGES_PER_ATTACHMENT), dpi);
    }
}
