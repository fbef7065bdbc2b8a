package cn.xianfeng.evidence.internal;

import cn.xianfeng.evidence.Limits;
import cn.xianfeng.evidence.PdfPages;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@link PdfPages#render}: measure the PDF first ({@link PdfBudget}), then render with {@link BoundedRenderer}. */
public final class PdfRendering {

    private PdfRendering() {
    }

    public static PdfPages render(byte[] pdf, int maxPages, float dpi) {
        List<byte[]> pages = new ArrayList<>();
        int total = 0;
        try {
            PdfBudget.checkRaw(pdf);
            try (PDDocument doc = Loader.loadPDF(pdf, "", null, null,
                    MemoryUsageSetting.setupMainMemoryOnly(Limits.STREAM_BYTES).streamCache)) {
                if (doc.isEncrypted()) {
                    return new PdfPages(pages, doc.getNumberOfPages(), "加密的 PDF 不予渲染");
                }
                total = doc.getNumberOfPages();
                PdfBudget.checkStreams(doc);
                BoundedRenderer renderer = new BoundedRenderer(doc, System.nanoTime() + Limits.RENDER_MILLIS * 1_000_000);
                for (int p = 0; p < Math.min(total, Math.max(0, maxPages)); p++) {
                    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
                    ImageIO.write(renderer.render(p, dpi), "jpeg", jpeg);
                    pages.add(jpeg.toByteArray());
                }
                return new PdfPages(pages, total, null);
            }
        } catch (PdfBudget.Exceeded e) {
            return new PdfPages(pages, total, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new PdfPages(pages, total, "无法读取");
        }
    }
}
