package cn.xianfeng.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Inflates every entry of an .xlsx once, counting (never keeping) the bytes, before POI opens it: POI reads the
 * content types, relationships and properties into DOM trees, so a bloated part must be refused before it does.
 * Worksheets and shared strings may be larger than the other parts; all together stay within the total.
 */
final class ZipBudget {

    private ZipBudget() {
    }

    static void check(Path file, SpreadsheetReader.Limits limits) throws IOException {
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++entries > limits.maxEntries()) {
                    throw InvalidInputException.of("file", Refusal.of("common.tooManyEntries"));
                }
                long limit = large(entry.getName()) ? limits.maxSheetBytes() : limits.maxEntryBytes();
                long size = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        size += n;
                        total += n;
                        if (size > limit || total > limits.maxTotalBytes()) {
                            throw new TooLargeException(Refusal.of("common.zipBomb"));
                        }
                    }
                }
            }
        } catch (ZipException e) {
            throw InvalidInputException.of("file", Refusal.of("common.unreadableXlsx"));
        }
    }

    private static boolean large(String name) {
        return name.startsWith("xl/worksheets/") && name.endsWith(".xml") || name.equals("xl/sharedStrings.xml");
    }
}
