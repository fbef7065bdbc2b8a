package cn.xianfeng.dossier.internal;

import cn.xianfeng.evidence.Attachment;
import cn.xianfeng.evidence.Pdf;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The attachments section: a list with SHA-256 of each file, then images embedded and PDF attachments as
 * images of their pages. Merging an attachment's own pages would carry its fonts and colour spaces, which are
 * seldom PDF/A, and would leave those pages without the dossier's footer (code and page number).
 */
final class AttachmentPages {

    /** A4 inside the margins, leaving room for the caption. */
    private static final float WIDTH = 483;
    private static final float HEIGHT = 640;
    private static final int DPI = 110;
    private static final int MAX_PAGES = 60;

    private final List<Attachment> attachments;
    private final Function<String, byte[]> content;
    private final Function<Instant, String> at;

    AttachmentPages(List<Attachment> attachments, Function<String, byte[]> content, Function<Instant, String> at) {
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
            rows.add(new String[]{"附件" + (i + 1), a.name(), a.type(), a.size() + " 字节", at.apply(a.uploadedAt()),
                    a.sha256()});
        }
        pdf.table(new String[]{"编号", "名称", "类型", "大小", "上传时间", "SHA-256"}, rows,
                new float[]{1, 2.4f, 1.4f, 1.4f, 2f, 4.5f});
        for (int i = 0; i < attachments.size(); i++) {
            Attachment a = attachments.get(i);
            byte[] bytes = content.apply(a.id());
            String caption = "附件" + (i + 1) + "：" + a.name();
            if (a.type().contains("pdf")) {
                pages(pdf, caption, bytes);
            } else if (a.type().startsWith("image/")) {
                pdf.newPage().paragraph(caption).image(bytes, WIDTH, HEIGHT);
            }
        }
    }

    private void pages(Pdf pdf, String caption, byte[] bytes) {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            int pages = Math.min(doc.getNumberOfPages(), MAX_PAGES);
            for (int p = 0; p < pages; p++) {
                ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
                ImageIO.write(renderer.renderImageWithDPI(p, DPI, ImageType.RGB), "jpeg", jpeg);
                pdf.newPage().paragraph(caption + "（第 " + (p + 1) + "/" + doc.getNumberOfPages() + " 页）")
                        .image(jpeg.toByteArray(), WIDTH, HEIGHT);
            }
            if (doc.getNumberOfPages() > MAX_PAGES) {
                pdf.paragraph("其余 " + (doc.getNumberOfPages() - MAX_PAGES) + " 页见原文件（SHA-256 见附件清单）。");
            }
        } catch (IOException e) {
            pdf.newPage().paragraph(caption + "：无法读取（" + e.getMessage() + "），原文件 SHA-256 见附件清单。");
        }
    }
}
