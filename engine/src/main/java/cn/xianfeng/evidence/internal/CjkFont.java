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

    /**
     * Text in both fonts, each run of characters set in the first font that has them (Latin, else CJK). Built here
     * rather than with OpenPDF's FontSelector, whose every instance re-parsed a fallback font under a global lock.
     */
    public static com.lowagie.text.Phrase phrase(String text, float size, int style, java.awt.Color color) {
        com.lowagie.text.Font latin = new com.lowagie.text.Font(LATIN, size, style, color);
        com.lowagie.text.Font cjk = new com.lowagie.text.Font(CJK, size, style, color);
        com.lowagie.text.Phrase phrase = new com.lowagie.text.Phrase();
        String s = text == null ? "" : text;
        StringBuilder run = new StringBuilder();
        com.lowagie.text.Font current = null;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int n = Character.charCount(c);
            // line breaks and other controls carry no glyph: they stay in the current run
            com.lowagie.text.Font font = Character.isISOControl(c) ? current
                    : LATIN.charExists(c) ? latin : CJK.charExists(c) ? cjk : current;
            if (font != current && current != null && run.length() > 0) {
                phrase.add(new com.lowagie.text.Chunk(run.toString(), current));
                run.setLength(0);
            }
            current = font == null ? latin : font;
            run.append(s, i, i + n);
            i += n;
        }
        if (run.length() > 0) {
            phrase.add(new com.lowagie.text.Chunk(run.toString(), current));
        }
        phrase.setFont(latin);
        return phrase;
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
