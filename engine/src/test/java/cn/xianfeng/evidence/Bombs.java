package cn.xianfeng.evidence;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Hostile files, small on disk: oversized pages, many pages, zlib bombs in PDFs and PNGs, lying image headers. */
public final class Bombs {

    private Bombs() {
    }

    /** {@code pages} pages of {@code w × h} pt, each with a filled rectangle. */
    public static byte[] pdfWithPageSize(float w, float h, int pages) {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage(new PDRectangle(w, h));
                doc.addPage(page);
                try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                    s.setNonStrokingColor(Color.DARK_GRAY);
                    s.addRect(w / 4, h / 4, w / 2, h / 2);
                    s.fill();
                }
            }
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One page whose content stream is {@code decoded} bytes of spaces, Flate-compressed (about 1000:1). */
    public static byte[] pdfWithFlateBombContent(long decoded) {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            COSStream stream = doc.getDocument().createCOSStream();
            try (OutputStream raw = stream.createRawOutputStream()) {
                raw.write(deflated(decoded, (byte) ' '));
            }
            stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
            page.setContents(new PDStream(stream));
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One page drawing an image declared 1000 × 1000 grey whose Flate data inflates to {@code decoded} bytes. */
    public static byte[] pdfWithFlateBombImage(long decoded) {
        return pdfWithImage(1000, 1000, deflated(decoded, (byte) 0));
    }

    /** One page drawing an image that declares {@code w × h} pixels over a few bytes of data. */
    public static byte[] pdfWithImageDeclared(int w, int h) {
        return pdfWithImage(w, h, deflated(64, (byte) 0));
    }

    private static byte[] pdfWithImage(int w, int h, byte[] flate) {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            COSStream stream = doc.getDocument().createCOSStream();
            try (OutputStream raw = stream.createRawOutputStream()) {
                raw.write(flate);
            }
            stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
            stream.setItem(COSName.TYPE, COSName.XOBJECT);
            stream.setItem(COSName.SUBTYPE, COSName.IMAGE);
            stream.setInt(COSName.WIDTH, w);
            stream.setInt(COSName.HEIGHT, h);
            stream.setInt(COSName.BITS_PER_COMPONENT, 8);
            stream.setItem(COSName.COLORSPACE, COSName.DEVICEGRAY);
            PDImageXObject image = new PDImageXObject(new PDStream(stream), new PDResources());
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                s.drawImage(image, 50, 50, 400, 400);
            }
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG signature and an IHDR claiming {@code w × h} 8-bit RGB, and nothing else. */
    public static byte[] pngHeader(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr(w, h, 2));
        return out.toByteArray();
    }

    /** A complete grey PNG of {@code w × h} zero pixels: a few hundred KB that decode to w × h bytes. */
    public static byte[] pngBomb(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr(w, h, 0));
        chunk(out, "IDAT", deflated((long) (w + 1) * h, (byte) 0));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A JPEG start and a baseline frame header claiming {@code w × h} (at most 65535 each). */
    public static byte[] jpegHeader(int w, int h) {
        return new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 4, 0, 0,
                (byte) 0xFF, (byte) 0xC0, 0, 17, 8, (byte) (h >> 8), (byte) h, (byte) (w >> 8), (byte) w, 3,
                1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, (byte) 0xFF, (byte) 0xD9};
    }

    public static byte[] png(int w, int h, int type) {
        return encode(picture(w, h, type), "png");
    }

    public static byte[] jpeg(int w, int h) {
        return encode(picture(w, h, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    public static BufferedImage read(byte[] image) {
        try {
            return ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage picture(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        var g = img.createGraphics();
        g.setColor(new Color(200, 30, 30, 180));
        g.fillRect(0, 0, w / 2, h);
        g.setColor(new Color(20, 60, 200));
        g.fillRect(w / 2, 0, w - w / 2, h / 2);
        g.dispose();
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] deflated(long bytes, byte value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] block = new byte[1 << 20];
        java.util.Arrays.fill(block, value);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            for (long left = bytes; left > 0; left -= block.length) {
                z.write(block, 0, (int) Math.min(block.length, left));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] ihdr(int w, int h, int colorType) {
        return new byte[]{(byte) (w >>> 24), (byte) (w >>> 16), (byte) (w >>> 8), (byte) w,
                (byte) (h >>> 24), (byte) (h >>> 16), (byte) (h >>> 8), (byte) h, 8, (byte) colorType, 0, 0, 0};
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(new byte[]{(byte) (data.length >>> 24), (byte) (data.length >>> 16), (byte) (data.length >>> 8),
                (byte) data.length});
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        long c = crc.getValue();
        out.writeBytes(new byte[]{(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
    }

    private static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }
}
