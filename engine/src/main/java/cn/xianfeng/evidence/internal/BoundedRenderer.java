package cn.xianfeng.evidence.internal;

import cn.xianfeng.evidence.Limits;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDTransparencyGroup;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

/**
 * PDFBox's renderer held to {@link Limits}: a page is rendered at most at {@link Limits#PAGE_PIXELS} whatever its
 * size (a 14400 pt page at 110 dpi would be 22,000 pixels square), images are subsampled to the device, and the
 * page drawer stops a page past {@link Limits#OPERATORS_PER_PAGE} operators, {@link Limits#FORM_DEPTH} nested forms,
 * an inline image larger than the limits, or the deadline.
 */
final class BoundedRenderer extends PDFRenderer {

    private final long deadline;

    BoundedRenderer(PDDocument document, long deadlineNanos) {
        super(document);
        this.deadline = deadlineNanos;
        setSubsamplingAllowed(true);
    }

    /** The page as an RGB image at {@code dpi} or less, at most {@link Limits#PAGE_PIXELS}. */
    BufferedImage render(int pageIndex, float dpi) throws IOException {
        PDPage page = document.getPage(pageIndex);
        PDRectangle box = page.getCropBox();
        double w = Math.max(1, Math.abs(box.getWidth()));
        double h = Math.max(1, Math.abs(box.getHeight()));
        double scale = Math.min(dpi / 72.0, Math.sqrt(Limits.PAGE_PIXELS / (w * h)));
        // a sliver page (1 × 100,000 pt) must not become one very long row either
        scale = Math.min(scale, Limits.IMAGE_SIDE / Math.max(w, h));
        return renderImage(pageIndex, (float) scale, ImageType.RGB);
    }

    @Override
    protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
        return new Drawer(parameters, deadline);
    }

    private static final class Drawer extends PageDrawer {
        private final long deadline;
        private int operators;
        private int depth;

        Drawer(PageDrawerParameters parameters, long deadline) throws IOException {
            super(parameters);
            this.deadline = deadline;
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            if (++operators > Limits.OPERATORS_PER_PAGE) {
                throw new PdfBudget.Exceeded("页面内容过于复杂");
            }
            if ((operators & 0x3FF) == 0 && System.nanoTime() > deadline) {
                throw new PdfBudget.Exceeded("渲染超时");
            }
            if ("BI".equals(operator.getName())) {
                inlineImage(operator);
            }
            super.processOperator(operator, operands);
        }

        @Override
        public void showForm(PDFormXObject form) throws IOException {
            nested(() -> super.showForm(form));
        }

        @Override
        public void showTransparencyGroup(PDTransparencyGroup form) throws IOException {
            nested(() -> super.showTransparencyGroup(form));
        }

        private interface Drawing {
            void run() throws IOException;
        }

        private void nested(Drawing drawing) throws IOException {
            if (++depth > Limits.FORM_DEPTH) {
                depth--;
                throw new PdfBudget.Exceeded("页面嵌套过深");
            }
            try {
                drawing.run();
            } finally {
                depth--;
            }
        }

        /** An inline image is decoded whole by PDFBox: its declared size and its data, counted, first. */
        private static void inlineImage(Operator operator) throws IOException {
            COSDictionary p = operator.getImageParameters();
            byte[] data = operator.getImageData();
            if (p == null || data == null) {
                return;
            }
            long w = p.getLong(COSName.W, p.getLong(COSName.WIDTH, 0));
            long h = p.getLong(COSName.H, p.getLong(COSName.HEIGHT, 0));
            if (w > Limits.IMAGE_SIDE || h > Limits.IMAGE_SIDE || w * h * 4 > Limits.STREAM_BYTES) {
                throw new PdfBudget.Exceeded("PDF 中的图像超出像素上限");
            }
            if (!PdfBudget.filters(p.getDictionaryObject(COSName.F, COSName.FILTER)).isEmpty()) {
                org.apache.pdfbox.cos.COSStream stream = new org.apache.pdfbox.cos.COSStream();
                stream.addAll(p);
                try (var out = stream.createRawOutputStream()) {
                    out.write(data);
                }
                PdfBudget.decodedSize(stream);
            }
        }
    }
}
