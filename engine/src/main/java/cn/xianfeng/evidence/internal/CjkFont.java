package cn.xianfeng.evidence.internal;

import com.lowagie.text.pdf.BaseFont;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The bundled fonts, parsed once (parsing a 4 MB CJK font per document would cost more than the document):
 * DejaVu Sans for Latin letters and digits, Droid Sans Fallback for Chinese, which has no Latin glyphs.
 * Licences beside them in fonts/. OpenPDF embeds only the glyphs each PDF uses.
 */
public final class CjkFont {

    private static final BaseFont LATIN = load("DejaVuSans.ttf");
    private static final BaseFont CJK = load("DroidSansFallbackFull.ttf");

    private CjkFont() {
    }

    public static BaseFont get() {
        return CJK;
    }

    /** The embedded Latin font, for what OpenPDF writes without asking (paragraph spacing). */
    public static com.lowagie.text.Font latin(float size) {
        return new com.lowagie.text.Font(LATIN, size > 0 ? size : 10.5f);
    }

    /** Text in both fonts, each character set in the first font that has it. */
    public static com.lowagie.text.Phrase phrase(String text, float size, int style, java.awt.Color color) {
        com.lowagie.text.pdf.FontSelector selector = new com.lowagie.text.pdf.FontSelector();
        selector.addFont(new com.lowagie.text.Font(LATIN, size, style, color));
        selector.addFont(new com.lowagie.text.Font(CJK, size, style, color));
        return selector.process(text == null ? "" : text);
    }

    private static BaseFont load(String name) {
        try (InputStream in = CjkFont.class.getResourceAsStream("/fonts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("fonts/" + name + " missing from the classpath");
            }
            return BaseFont.createFont(name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (com.lowagie.text.DocumentException e) {
            throw new IllegalStateException(e);
        }
    }
}
