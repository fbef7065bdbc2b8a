package cn.xianfeng.evidence.internal;

import cn.xianfeng.evidence.Limits;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Measures what a PDF's streams decode to before PDFBox decodes any of them into memory (it decodes a filtered
 * stream whole): first over the raw bytes (every zlib stream after a {@code stream} keyword, inflated into a
 * counter; this covers the cross-reference and object streams PDFBox reads while loading), then over every
 * stream object of the loaded document with PDFBox's own filters writing into a counter. Image codecs are not
 * run: their declared size (and a JPEG's own header) must be within {@link Limits}.
 */
public final class PdfBudget {

    private static final Set<COSName> IMAGE_CODECS = Set.of(COSName.DCT_DECODE, COSName.DCT_DECODE_ABBREVIATION,
            COSName.JPX_DECODE, COSName.JBIG2_DECODE, COSName.CCITTFAX_DECODE, COSName.CCITTFAX_DECODE_ABBREVIATION);

    private PdfBudget() {
    }

    /** Thrown when a PDF would cost more than the limits; the message is for the document's reader. */
    public static final class Exceeded extends IOException {
        public Exceeded(String message) {
            super(message);
        }
    }

    /** Before loading: the zlib streams in the raw bytes, and no encryption (encrypted streams cannot be measured). */
    public static void checkRaw(byte[] pdf) throws Exceeded {
        if (indexOf(pdf, "/Encrypt".getBytes(), 0) >= 0) {
            throw new Exceeded("加密的 PDF 不予渲染");
        }
        byte[] keyword = "stream".getBytes();
        long total = 0;
        int at = 0;
        byte[] sink = new byte[64 * 1024];
        while ((at = indexOf(pdf, keyword, at)) >= 0) {
            int start = at + keyword.length;
            at = start;
            if (start < pdf.length && pdf[start] == '\r') {
                start++;
            }
            if (start < pdf.length && pdf[start] == '\n') {
                start++;
            }
            if (start + 2 > pdf.length || (pdf[start] & 0x0F) != 8 || (((pdf[start] & 0xFF) << 8) | (pdf[start + 1] & 0xFF)) % 31 != 0) {
                continue;
            }
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(pdf, start, pdf.length - start);
                long stream = 0;
                while (!inflater.finished() && !inflater.needsInput() && !inflater.needsDictionary()) {
                    int n = inflater.inflate(sink);
                    stream += n;
                    total += n;
                    if (stream > Limits.STREAM_BYTES || total > Limits.PDF_DECODED_BYTES) {
                        throw new Exceeded("PDF 中的数据流解压后超出上限");
                    }
                    if (n == 0 && !inflater.finished() && !inflater.needsInput()) {
                        break;
                    }
                }
            } catch (DataFormatException notZlib) {
                // not a zlib stream after all (or a damaged one PDFBox will refuse too)
            } finally {
                inflater.end();
            }
        }
    }

    /** After loading: every stream object, decoded into a counter; images by their declared size. */
    public static void checkStreams(PDDocument doc) throws IOException {
        long total = 0;
        for (COSObjectKey key : new ArrayList<>(doc.getDocument().getXrefTable().keySet())) {
            COSObject object = doc.getDocument().getObjectFromPool(key);
            COSBase base = object == null ? null : object.getObject();
            if (base instanceof COSStream stream) {
                total += decodedSize(stream);
                if (total > Limits.PDF_DECODED_BYTES) {
                    throw new Exceeded("PDF 中的数据流解压后超出上限");
                }
            }
        }
    }

    /** What one stream decodes to, counted; an image codec's output from the image's declared size. */
    static long decodedSize(COSStream stream) throws IOException {
        List<COSName> filters = filters(stream.getDictionaryObject(COSName.FILTER, COSName.F));
        long declared = declaredImageBytes(stream);
        if (declared > Limits.STREAM_BYTES) {
            throw new Exceeded("PDF 中的图像超出像素上限");
        }
        byte[] current;
        try (InputStream raw = stream.createRawInputStream()) {
            if (filters.isEmpty()) {
                return raw.skip(Limits.STREAM_BYTES + 1) > Limits.STREAM_BYTES ? fail() : stream.getLength();
            }
            current = null;
            for (int i = 0; i < filters.size(); i++) {
                COSName name = filters.get(i);
                if (IMAGE_CODECS.contains(name)) {
                    if (current == null && (name.equals(COSName.DCT_DECODE) || name.equals(COSName.DCT_DECODE_ABBREVIATION))) {
                        // the JPEG's own header decides the raster PDFBox allocates, whatever the dictionary says
                        ImageHeader jpeg = ImageHeader.read(raw.readNBytes(256 * 1024)).orElse(null);
                        if (jpeg != null && (!jpeg.withinLimits() || jpeg.pixels() * 4 > Limits.STREAM_BYTES)) {
                            throw new Exceeded("PDF 中的图像超出像素上限");
                        }
                    }
                    return declared;
                }
                boolean last = i == filters.size() - 1;
                Filter filter = FilterFactory.INSTANCE.getFilter(name);
                InputStream in = current == null ? raw : new ByteArrayInputStream(current);
                if (last) {
                    Counter counter = new Counter();
                    filter.decode(in, counter, stream, i);
                    return counter.count;
                }
                // an intermediate stage is kept, bounded like a final one
                BoundedBuffer buffer = new BoundedBuffer();
                filter.decode(in, buffer, stream, i);
                current = buffer.toByteArray();
            }
        }
        return 0;
    }

    private static long fail() throws Exceeded {
        throw new Exceeded("PDF 中的数据流解压后超出上限");
    }

    private static long declaredImageBytes(COSDictionary d) {
        if (!COSName.IMAGE.equals(d.getCOSName(COSName.SUBTYPE))) {
            return 0;
        }
        long w = Math.max(0, d.getLong(COSName.WIDTH, d.getLong(COSName.W, 0)));
        long h = Math.max(0, d.getLong(COSName.HEIGHT, d.getLong(COSName.H, 0)));
        if (w > Limits.IMAGE_SIDE || h > Limits.IMAGE_SIDE || w * h > Limits.IMAGE_PIXELS) {
            return Long.MAX_VALUE;
        }
        return w * h * 4;
    }

    static List<COSName> filters(COSBase filter) {
        List<COSName> names = new ArrayList<>();
        if (filter instanceof COSName n) {
            names.add(n);
        } else if (filter instanceof COSArray a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.getObject(i) instanceof COSName n) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Counts bytes and throws past the per-stream limit. */
    private static final class Counter extends OutputStream {
        long count;

        @Override
        public void write(int b) throws IOException {
            add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            add(len);
        }

        private void add(long n) throws Exceeded {
            count += n;
            if (count > Limits.STREAM_BYTES) {
                throw new Exceeded("PDF 中的数据流解压后超出上限");
            }
        }
    }

    private static final class BoundedBuffer extends ByteArrayOutputStream {
        @Override
        public synchronized void write(int b) {
            check(1);
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            check(len);
            super.write(b, off, len);
        }

        private void check(int n) {
            if ((long) count + n > Limits.STREAM_BYTES) {
                throw new IllegalStateException(new Exceeded("PDF 中的数据流解压后超出上限"));
            }
        }
    }
}
