package cn.xianfeng.evidence.internal;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;

import java.awt.Color;

/** Every page's foot: the verification code (and where to check it) and the page number. */
public final class Footer extends PdfPageEventHelper {

    private static final Color GREY = new Color(90, 90, 90);

    private final String line;

    public Footer(String line) {
        this.line = line;
    }

    @Override
    public void onEndPage(PdfWriter writer, Document document) {
        ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_LEFT, CjkFont.phrase(line, 8, Font.NORMAL, GREY),
                document.left(), document.bottom() - 18, 0);
        ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_RIGHT,
                CjkFont.phrase("第 " + writer.getPageNumber() + " 页", 8, Font.NORMAL, GREY), document.right(), document.bottom() - 18, 0);
    }
}
