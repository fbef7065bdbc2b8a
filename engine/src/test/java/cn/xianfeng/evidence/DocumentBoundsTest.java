package cn.xianfeng.evidence;

import cn.xianfeng.evidence.internal.EmbeddableImage;
import com.lowagie.text.ImgRaw;
import com.lowagie.text.Jpeg;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Renderers and parsers bounded before they allocate: oversized pages, many pages, decompression bombs in PDF
 * streams, image headers claiming enormous sizes. Each answer comes quickly and without the memory the file claims.
 */
class DocumentBoundsTest {

    @Test
    void aHugePageIsRenderedAtTheCappedPixelCountNotAtItsSize() {
        long t = System.nanoTime();
        PdfPages pages = PdfPages.render(Bombs.pdfWithPageSize(14_400, 14_400, 1), 20, 110);
        assertThat(pages.problem()).isNull();
        assertThat(pages.pages()).hasSize(1);
        java.awt.image.BufferedImage img = Bombs.read(pages.pages().get(0));
        assertThat((long) img.getWidth() * img.getHeight()).isLessThanOrEqualTo(Limits.PAGE_PIXELS);
        assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aSliverPageStaysWithinTheSideLimit() {
        PdfPages pages = PdfPages.render(Bombs.pdfWithPageSize(3, 14_400, 1), 20, 110);
        java.awt.image.BufferedImage img = Bombs.read(pages.pages().get(0));
        assertThat(Math.max(img.getWidth(), img.getHeight())).isLessThanOrEqualTo(Limits.IMAGE_SIDE);
    }

    @Test
    void aManyPagePdfRendersOnlyTheFirstPagesAndCountsTheRest() {
        PdfPages pages = PdfPages.render(Bombs.pdfWithPageSize(595, 842, 300), 60, 110);
        assertThat(pages.pages()).hasSize(Limits.PAGES_PER_ATTACHMENT);
        assertThat(pages.totalPages()).isEqualTo(300);
    }

    @Test
    void aFlateBombInAContentStreamIsMeasuredNotDecoded() {
        PdfPages pages = PdfPages.render(Bombs.pdfWithFlateBombContent(Limits.STREAM_BYTES * 4), 20, 110);
        assertThat(pages.pages()).isEmpty();
        assertThat(pages.problem()).contains("超出上限");
    }

    @Test
    void aFlateBombImageDeclaredSmallIsRefusedByItsDecodedSize() {
        PdfPages pages = PdfPages.render(Bombs.pdfWithFlateBombImage(Limits.STREAM_BYTES * 3), 20, 110);
        assertThat(pages.pages()).isEmpty();
        assertThat(pages.problem()).contains("超出上限");
    }

    @Test
    void anImageXObjectDeclaringEnormousDimensionsIsRefused() {
        PdfPages pages = PdfPages.render(Bombs.pdfWithImageDeclared(60_000, 60_000), 20, 110);
        assertThat(pages.pages()).isEmpty();
        assertThat(pages.problem()).contains("像素上限");
    }

    @Test
    void pngAndJpegHeadersClaimingEnormousSizesAreRefusedBeforeDecoding() {
        assertThatThrownBy(() -> EmbeddableImage.of(Bombs.pngHeader(100_000, 100_000)))
                .isInstanceOf(EmbeddableImage.Refused.class).hasMessageContaining("100000×100000");
        assertThatThrownBy(() -> EmbeddableImage.of(Bombs.jpegHeader(65_000, 65_000)))
                .isInstanceOf(EmbeddableImage.Refused.class).hasMessageContaining("65000×65000");
        assertThatThrownBy(() -> EmbeddableImage.of(Bombs.pngBomb(15_000, 15_000)))
                .as("a real zlib bomb under a header beyond the limits").isInstanceOf(EmbeddableImage.Refused.class);
        assertThatThrownBy(() -> EmbeddableImage.of(new byte[]{1, 2, 3})).isInstanceOf(EmbeddableImage.Refused.class);
    }

    @Test
    void simplePngsPassThroughAndJpegsStayDct() throws Exception {
        assertThat(EmbeddableImage.of(Bombs.png(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB)))
                .as("8-bit RGB PNG: IDAT as FlateDecode").isInstanceOf(ImgRaw.class)
                .satisfies(i -> assertThat(i.isDeflated()).isTrue());
        assertThat(EmbeddableImage.of(Bombs.png(40, 30, java.awt.image.BufferedImage.TYPE_BYTE_GRAY)))
                .isInstanceOf(ImgRaw.class);
        assertThat(EmbeddableImage.of(Bombs.png(40, 30, java.awt.image.BufferedImage.TYPE_INT_ARGB)))
                .as("alpha: decoded, laid on white, JPEG").isInstanceOf(Jpeg.class);
        assertThat(EmbeddableImage.of(Bombs.jpeg(40, 30))).isInstanceOf(Jpeg.class);
    }
}
