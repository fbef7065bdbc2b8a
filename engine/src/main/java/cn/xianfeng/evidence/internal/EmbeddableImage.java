package cn.xianfeng.evidence.internal;

import cn.xianfeng.evidence.Limits;
import com.lowagie.text.BadElementException;
import com.lowagie.text.Image;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfNumber;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * A PNG or JPEG as an OpenPDF image without re-encoding its pixels where the PDF can carry them as they are: a JPEG
 * as DCTDecode (OpenPDF passes it through), an 8-bit grey or RGB, non-interlaced PNG as its IDAT data under
 * FlateDecode with the PNG predictors. Anything else (alpha, palette, 16-bit, interlaced, CMYK) is decoded,
 * subsampled to at most {@link Limits#DECODED_IMAGE_PIXELS}, laid on white and embedded as a JPEG. The header is
 * checked against {@link Limits} first; callers get an exception, never an allocation the size of a bomb.
 */
public final class EmbeddableImage {

    private static final byte[] TRNS = {'t', 'R', 'N', 'S'};

    private EmbeddableImage() {
    }

    /** Thrown for an image that is unreadable or larger than the limits; the message is for the document's reader. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    public static Image of(byte[] data) throws Refused {
        ImageHeader h = ImageHeader.read(data).orElseThrow(() -> new Refused("图片无法读取"));
        if (!h.withinLimits()) {
            throw new Refused("图片尺寸 " + h.width() + "×" + h.height() + " 像素超出上限");
        }
        try {
            if (h.format() == ImageHeader.Format.JPEG) {
                return h.components() == 1 || h.components() == 3 ? Image.getInstance(data) : decoded(data, h);
            }
            Image png = passThrough(data, h);
            return png != null ? png : decoded(data, h);
        } catch (IOException | RuntimeException e) {
            throw new Refused("图片无法读取");
        }
    }

    /** An 8-bit (or lower grey) PNG without alpha, palette, transparency or interlacing; null for anything else. */
    private static Image passThrough(byte[] b, ImageHeader h) throws BadElementException {
        boolean simple = !h.interlaced() && (h.colorType() == 2 && h.bitDepth() == 8
                || h.colorType() == 0 && (h.bitDepth() == 1 || h.bitDepth() == 2 || h.bitDepth() == 4 || h.bitDepth() == 8));
        if (!simple) {
            return null;
        }
        ByteArrayOutputStream idat = new ByteArrayOutputStream(b.length);
        int i = 8;
        while (i + 12 <= b.length) {
            long length = ((b[i] & 0xFFL) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (length > b.length - i - 12) {
                return null;
            }
            String type = new String(b, i + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (java.util.Arrays.equals(b, i + 4, i + 8, TRNS, 0, 4)) {
                return null;
            }
            if (type.equals("IDAT")) {
                idat.write(b, i + 8, (int) length);
            } else if (type.equals("IEND")) {
                break;
            }
            i += 12 + (int) length;
        }
        if (idat.size() == 0) {
            return null;
        }
        Image image = Image.getInstance(h.width(), h.height(), h.components(), h.bitDepth(), idat.toByteArray());
        image.setDeflated(true);
        PdfDictionary parms = new PdfDictionary();
        parms.put(PdfName.PREDICTOR, new PdfNumber(15));
        parms.put(PdfName.COLUMNS, new PdfNumber(h.width()));
        parms.put(PdfName.COLORS, new PdfNumber(h.components()));
        parms.put(PdfName.BITSPERCOMPONENT, new PdfNumber(h.bitDepth()));
        PdfDictionary additional = new PdfDictionary();
        additional.put(PdfName.DECODEPARMS, parms);
        image.setAdditional(additional);
        return image;
    }

    /** Decoded subsampled (the raster never exceeds the limit), on white, as a JPEG. */
    private static Image decoded(byte[] data, ImageHeader h) throws IOException, BadElementException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("no reader");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.ceil(Math.sqrt((double) h.pixels() / Limits.DECODED_IMAGE_PIXELS));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage read = reader.read(0, param);
                BufferedImage rgb = new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_INT_RGB);
                Graphics2D g = rgb.createGraphics();
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
                g.drawImage(read, 0, 0, null);
                g.dispose();
                ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
                ImageIO.write(rgb, "jpeg", jpeg);
                return Image.getInstance(jpeg.toByteArray());
            } finally {
                reader.dispose();
            }
        }
    }
}
