package cn.xianfeng.evidence;

import cn.xianfeng.evidence.internal.CjkFont;
import cn.xianfeng.evidence.internal.EmbeddableImage;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;

import java.awt.Color;
import java.util.List;

/**
 * What a document's content is written with: Chinese text in the embedded CJK font, headings, label/value
 * facts, tables, images, a QR code. Documents hands one to the code that knows what a letter or minutes say.
 */
public final class Pdf {

    private static final Color BLACK = Color.BLACK;
    private static final Color GREY = new Color(90, 90, 90);

    private final Document document;

    Pdf(Document document) {
        this.document = document;
    }

    public Pdf title(String text) {
        Paragraph p = new Paragraph(CjkFont.phrase(text, 18, Font.BOLD, BLACK));
        p.setAlignment(Element.ALIGN_CENTER);
        p.setSpacingAfter(10);
        return add(p);
    }

    public Pdf centered(String text) {
        Paragraph p = new Paragraph(body(text));
        p.setAlignment(Element.ALIGN_CENTER);
        return add(p);
    }

    public Pdf heading(String text) {
        Paragraph p = new Paragraph(CjkFont.phrase(text, 13, Font.BOLD, BLACK));
        p.setSpacingBefore(10);
        p.setSpacingAfter(4);
        return add(p);
    }

    public Pdf paragraph(String text) {
        Paragraph p = new Paragraph(body(text));
        p.setLeading(17);
        p.setSpacingAfter(4);
        return add(p);
    }

    public Pdf small(String text) {
        return add(new Paragraph(CjkFont.phrase(text, 8.5f, Font.NORMAL, GREY)));
    }

    /** Label–value pairs in two columns. */
    public Pdf facts(List<String[]> pairs) {
        PdfPTable t = new PdfPTable(new float[]{1, 3});
        t.setWidthPercentage(100);
        for (String[] pair : pairs) {
            t.addCell(cell(pair[0], true));
            t.addCell(cell(pair.length > 1 ? pair[1] : "", false));
        }
        return add(t);
    }

    public Pdf table(String[] headers, List<String[]> rows, float[] widths) {
        PdfPTable t = widths == null ? new PdfPTable(headers.length) : new PdfPTable(widths);
        t.setWidthPercentage(100);
        t.setHeaderRows(1);
        for (String h : headers) {
            t.addCell(cell(h, true));
        }
        for (String[] row : rows) {
            for (int i = 0; i < headers.length; i++) {
                t.addCell(cell(i < row.length ? row[i] : "", false));
            }
        }
        return add(t);
    }

    /**
     * A PNG or JPEG scaled to fit; its size is read from its header first, and one larger than {@link Limits} (or
     * unreadable) is not embedded: a line says so instead, and the document is still issued.
     */
    public Pdf image(byte[] data, float maxWidth, float maxHeight) {
        try {
            Image image = EmbeddableImage.of(data);
            image.scaleToFit(maxWidth, maxHeight);
            return add(image);
        } catch (EmbeddableImage.Refused e) {
            return small("（" + e.getMessage() + "，未嵌入；原文件 SHA-256 见附件清单）");
        }
    }

    /** A QR code of {@code text} (a verification address). */
    public Pdf qr(String text, float size) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 160, 160);
            byte[] grey = new byte[m.getWidth() * m.getHeight()];
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    grey[y * m.getWidth() + x] = m.get(x, y) ? 0 : (byte) 0xFF;
                }
            }
            Image image = Image.getInstance(m.getWidth(), m.getHeight(), 1, 8, grey);
            image.scaleAbsolute(size, size);
            return add(image);
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A dashed cut line between the parts of a three-part letter (存根 | 介绍信 | 回执). */
    public Pdf cutLine(String label) {
        Paragraph p = new Paragraph(CjkFont.phrase("- - - - - - - - - - - - - - " + label
                + " - - - - - - - - - - - - - -", 8.5f, Font.NORMAL, GREY));
        p.setAlignment(Element.ALIGN_CENTER);
        p.setSpacingBefore(8);
        p.setSpacingAfter(8);
        return add(p);
    }

    public Pdf signatures(String... roles) {
        PdfPTable t = new PdfPTable(roles.length);
        t.setWidthPercentage(100);
        t.setSpacingBefore(24);
        for (String role : roles) {
            PdfPCell c = new PdfPCell(body(role + "：____________"));
            c.setBorder(0);
            t.addCell(c);
        }
        return add(t);
    }

    public Pdf newPage() {
        document.newPage();
        return this;
    }

    public Pdf space() {
        return add(new Paragraph(body(" ")));
    }

    private static PdfPCell cell(String text, boolean label) {
        PdfPCell c = new PdfPCell(body(text));
        c.setPadding(4);
        if (label) {
            c.setBackgroundColor(new Color(238, 241, 244));
        }
        return c;
    }

    private static Phrase body(String text) {
        return CjkFont.phrase(text, 10.5f, Font.NORMAL, BLACK);
    }

    private Pdf add(Element e) {
        if (e instanceof Paragraph p) {
            // OpenPDF writes a paragraph's spacing as a space in the paragraph's own font, Helvetica unless set:
            // a font not embedded, which PDF/A forbids
            p.setFont(CjkFont.latin(p.getFont().getSize()));
        }
        try {
            document.add(e);
            return this;
        } catch (DocumentException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
