package cn.xianfeng.dossier.internal;

import cn.xianfeng.evidence.Attachment;
import cn.xianfeng.evidence.Pdf;
import cn.xianfeng.evidence.Limits;
import cn.xianfeng.evidence.PdfPages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The attachments section: a list with SHA-256 of each file, then images embedded and PDF attachments as
 * images of their pages (bounded: {@link PdfPages}). Merging an attachment's own pages would carry its fonts and colour spaces, which are
 * seldom PDF/A, and would leave those pages without the dossier's footer (code and page number).
 */
final class AttachmentPages {

    /** A4 inside the margins, leaving room for the caption. */
    private static final float WIDTH = 483;
    private static final float HEIGHT = 640;
    private static final int DPI = 110;
    private static final int MAX_PAGES = Limits.PAGES_PER_ATTACHMENT;

    private final List<Attachment> attachments;
    private final AttachmentContents content;
    private final Function<Instant, String> at;
    /** Attachment pages rendered so far into this document, against {@link Limits#PAGES_PER_DOCUMENT}. */
    private int rendered;

    AttachmentPages(List<Attachment> attachments, AttachmentContents content, Function<Instant, String> at) {
        this.attachments = attachments;
        this.content = content;
        this.at = at;
    }

    void write(Pdf pdf) {
        pdf.heading("三、附件");
        if (attachments.isEmpty()) {
            pdf.paragraph("无附件。");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            Attachment a = attachments.get(i);
            rows.add(new String[]{"附件" + (i + 1), a.name(), kind(a.type()), a.size() + " 字节", at.apply(a.uploadedAt()),
                    a.sha256()});
        }
        pdf.table(new String[]{"编号", "名称", "类型", "大小", "上传时间", "SHA-256"}, rows,
                new float[]{1, 2.4f, 1.4f, 1.4f, 2f, 4.5f});
        List<Attachment> shown = attachments.stream().filter(a -> shown(a.type())).toList();
        content.each(shown, (a, bytes) -> {
            String caption = "附件" + (attachments.indexOf(a) + 1) + "：" + a.name();
            if (a.type().contains("pdf")) {
                pages(pdf, caption, bytes);
            } else {
                pdf.newPage().paragraph(caption).image(bytes, WIDTH, HEIGHT);
            }
        });
    }

    /** Whether files of this media type are shown (their pages as images), not only listed. */
    static boolean shown(String mediaType) {
        return mediaType.contains("pdf") || mediaType.startsWith("image/");
    }

    private static String kind(String mediaType) {
        return switch (mediaType) {
            case "application/pdf" -> "PDF 文件";
            case "image/png" -> "PNG 图片";
            case "image/jpeg" -> "JPEG 图片";
            default -> mediaType.contains("wordprocessingml") ? "Word 文档"
                    : mediaType.contains("spreadsheetml") ? "Excel 表格" : "文件";
        };
    }

    private void pages(Pdf pdf, String caption, byte[] bytes) {
        int budget = Limits.PAGES_PER_DOCUMENT - rendered;
        PdfPages rendering = PdfPages.render(bytes, Math.min(MAX_PAGES, budget), DPI);
        rendered += rendering.pages().size();
        for (int p = 0; p < rendering.pages().size(); p++) {
            pdf.newPage().paragraph(caption + "（第 " + (p + 1) + "/" + rendering.totalPages() + " 页）")
                    .image(rendering.pages().get(p), WIDTH, HEIGHT);
        }
        if (rendering.problem() != null) {
            pdf.newPage().paragraph(caption + "：" + rendering.problem() + "，未能全部显示；原文件 SHA-256 见附件清单。");
        } else if (rendering.totalPages() > rendering.pages().size()) {
            pdf.paragraph(caption + "：其余 " + (rendering.totalPages() - rendering.pages().size())
                    + " 页见原文件（SHA-256 见附件清单）。");
        }
    }
}
