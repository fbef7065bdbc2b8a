package cn.xianfeng.evidence.internal;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;

/**
 * Makes what OpenPDF rendered PDF/A-2b: XMP metadata that declares the conformance and repeats the Info
 * dictionary exactly (veraPDF compares them), and an sRGB output intent. The fonts are embedded already.
 */
public final class PdfA {

    public static final String PRODUCER = "先锋 Xianfeng (OpenPDF, Apache PDFBox)";
    private static final String CREATOR = "先锋 Xianfeng";
    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    private PdfA() {
    }

    public static byte[] convert(byte[] pdf, String title, Instant created) {
        Instant at = created.truncatedTo(ChronoUnit.SECONDS);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDDocumentInformation info = new PDDocumentInformation();
            Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            calendar.setTimeInMillis(at.toEpochMilli());
            info.setTitle(title);
            info.setCreator(CREATOR);
            info.setProducer(PRODUCER);
            info.setCreationDate(calendar);
            info.setModificationDate(calendar);
            doc.setDocumentInformation(info);

            dropCidSets(doc);
            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            PDMetadata metadata = new PDMetadata(doc);
            metadata.importXMPMetadata(xmp(title, at).getBytes(StandardCharsets.UTF_8));
            catalog.setMetadata(metadata);
            if (catalog.getOutputIntents().isEmpty()) {
                PDOutputIntent intent = new PDOutputIntent(doc, new ByteArrayInputStream(SRGB));
                intent.setInfo("sRGB IEC61966-2.1");
                intent.setOutputCondition("sRGB IEC61966-2.1");
                intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
                intent.setRegistryName("http://www.color.org");
                catalog.addOutputIntent(intent);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + SRGB.length + 4096);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * OpenPDF writes a CIDSet for the glyphs it used while the subset keeps more; PDF/A-2 accepts no CIDSet but not
     * an incomplete one.
     */
    private static void dropCidSets(PDDocument doc) throws IOException {
        for (PDPage page : doc.getPages()) {
            PDResources resources = page.getResources();
            if (resources == null) {
                continue;
            }
            for (COSName name : resources.getFontNames()) {
                if (resources.getFont(name) instanceof PDType0Font type0
                        && type0.getDescendantFont().getFontDescriptor() != null) {
                    type0.getDescendantFont().getFontDescriptor().getCOSObject().removeItem(COSName.CID_SET);
                }
            }
        }
    }

    private static String xmp(String title, Instant at) {
        String date = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">"
                + "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>\n"
                + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + "<dc:format>application/pdf</dc:format>"
                + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + escape(title) + "</rdf:li></rdf:Alt></dc:title>"
                + "</rdf:Description>\n"
                + "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">"
                + "<xmp:CreatorTool>" + CREATOR + "</xmp:CreatorTool><xmp:CreateDate>" + date + "</xmp:CreateDate>"
                + "<xmp:ModifyDate>" + date + "</xmp:ModifyDate></rdf:Description>\n"
                + "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">"
                + "<pdf:Producer>" + PRODUCER + "</pdf:Producer></rdf:Description>\n"
                + "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
