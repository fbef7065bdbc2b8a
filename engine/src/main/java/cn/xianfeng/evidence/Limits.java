package cn.xianfeng.evidence;

/**
 * What one document may cost, checked before anything is allocated: image sizes are read from the file's header,
 * a PDF's streams are measured by decoding into a counter, pages are rendered at a capped number of pixels.
 * Sized for the portal's 512 MB heap with two renders at a time ({@code xianfeng.documents.concurrent-renders}).
 */
public final class Limits {

    /** An image's width × height as its header states it (a 600-dpi A4 colour scan has 35 million). */
    public static final long IMAGE_PIXELS = 40_000_000L;
    /** Either side of an image, in pixels. */
    public static final int IMAGE_SIDE = 20_000;
    /** An image that must be decoded (alpha, palette, 16-bit, interlaced PNG) is read subsampled to at most this. */
    public static final long DECODED_IMAGE_PIXELS = 4_000_000L;
    /** One rendered page of a PDF attachment (A4 at 110 dpi is 1.2 million). */
    public static final long PAGE_PIXELS = 2_000_000L;
    /** One stream of a PDF attachment, decoded (content, image, font, object stream). */
    public static final long STREAM_BYTES = 48L << 20;
    /** All streams of a PDF attachment, decoded. */
    public static final long PDF_DECODED_BYTES = 256L << 20;
    /** Pages of one PDF attachment shown as images; the rest are listed by count. */
    public static final int PAGES_PER_ATTACHMENT = 20;
    /** Attachment pages rendered into one document. */
    public static final int PAGES_PER_DOCUMENT = 100;
    /** Content-stream operators on one page, forms and annotations included. */
    public static final int OPERATORS_PER_PAGE = 1_000_000;
    /** Forms within forms on one page. */
    public static final int FORM_DEPTH = 12;
    /** Wall-clock time for rendering one PDF attachment's pages. */
    public static final long RENDER_MILLIS = 20_000;

    private Limits() {
    }
}
