package cn.xianfeng.dues.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.TooLargeException;
import cn.xianfeng.common.UnsupportedTypeException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads the first sheet of an .xlsx, or a .csv (UTF-8, else GB18030 as Chinese banks export it), as rows of cells,
 * within bounds set before anything is allocated: the upload's bytes, the zip's entries and inflated bytes (counted
 * while inflating, whatever the entries claim), rows, columns and characters per cell. The sheet is read as a
 * stream (POI's SAX event API over a file-backed package, so ZipSecureFile's inflate-ratio guard applies as well);
 * no workbook is built in memory.
 */
public final class ImportFiles {

    public static final int MAX_BYTES = 2 * 1024 * 1024;
    public static final int MAX_ROWS = 2000;
    public static final int MAX_COLUMNS = 16;
    public static final int MAX_CELL = 200;
    static final int MAX_ENTRIES = 64;
    static final long MAX_ENTRY_INFLATED = 8L * 1024 * 1024;
    static final long MAX_TOTAL_INFLATED = 16L * 1024 * 1024;

    private ImportFiles() {
    }

    /** Row 0 is the header; a cell longer than {@link #MAX_CELL} is cut to one character more, for the row's check. */
    public static List<List<String>> read(String filename, byte[] content) {
        if (content.length > MAX_BYTES) {
            throw new TooLargeException(Refusal.of("common.fileTooLarge", String.valueOf(MAX_BYTES / 1024 / 1024)));
        }
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CsvRows.read(content);
        }
        if (name.endsWith(".xlsx")) {
            return xlsx(content);
        }
        throw new UnsupportedTypeException(Refusal.of("common.xlsxOrCsv"));
    }

    static List<List<String>> xlsx(byte[] content) {
        inflatedWithinBounds(content);
        Path file = null;
        try {
            file = Files.createTempFile("xianfeng-dues-", ".xlsx");
            Files.write(file, content);
            try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
                XSSFReader reader = new XSSFReader(pkg);
                Rows rows = new Rows();
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(),
                        new ReadOnlySharedStringsTable(pkg, false), rows, new IsoDates(), false));
                var sheets = reader.getSheetsData();
                if (!sheets.hasNext()) {
                    throw InvalidInputException.of("file", Refusal.of("dues.noSheet"));
                }
                try (InputStream sheet = sheets.next()) {
                    parser.parse(new InputSource(sheet));
                }
                return rows.rows;
            }
        } catch (TooLargeException | InvalidInputException e) {
            throw e;
        } catch (SAXException e) {
            if (e.getCause() instanceof TooLargeException t) {
                throw t;
            }
            throw InvalidInputException.of("file", Refusal.of("common.unreadableXlsx"));
        } catch (IOException | OpenXML4JException | RuntimeException | javax.xml.parsers.ParserConfigurationException e) {
            throw InvalidInputException.of("file", Refusal.of("common.unreadableXlsx"));
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file left behind is removed with the temp directory
                }
            }
        }
    }

    /** Inflates every entry once, counting real bytes: a zip bomb stops at the limit, not at the end of memory. */
    static void inflatedWithinBounds(byte[] content) {
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new TooLargeException(Refusal.of("dues.tooManyEntries"));
                }
                long size = 0;
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    size += n;
                    total += n;
                    if (size > MAX_ENTRY_INFLATED || total > MAX_TOTAL_INFLATED) {
                        throw new TooLargeException(Refusal.of("common.inflatedTooLarge", String.valueOf(MAX_TOTAL_INFLATED / 1024 / 1024)));
                    }
                }
            }
        } catch (ZipException e) {
            throw InvalidInputException.of("file", Refusal.of("common.unreadableXlsx"));
        } catch (IOException e) {
            throw InvalidInputException.of("file", Refusal.of("common.unreadableXlsx"));
        }
        if (entries == 0) {
            throw InvalidInputException.of("file", Refusal.of("common.unreadableXlsx"));
        }
    }

    static String clip(String s) {
        return s.length() > MAX_CELL ? s.substring(0, MAX_CELL + 1) : s;
    }

    /** Collects cells by column; rows keep their sheet position so that reported row numbers match Excel's. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

        final List<List<String>> rows = new ArrayList<>();
        private List<String> current;

        @Override
        public void startRow(int rowNum) {
            if (rowNum > MAX_ROWS) {
                throw new TooLargeException(Refusal.of("common.maxRows", String.valueOf(MAX_ROWS)));
            }
            while (rows.size() < rowNum) {
                rows.add(List.of());
            }
            current = new ArrayList<>();
        }

        @Override
        public void endRow(int rowNum) {
            rows.add(current);
        }

        @Override
        public void cell(String ref, String value, XSSFComment comment) {
            int column = ref == null ? current.size() : new CellReference(ref).getCol();
            if (column >= MAX_COLUMNS) {
                throw new TooLargeException(Refusal.of("common.maxColumnsPerRow", String.valueOf(MAX_COLUMNS)));
            }
            while (current.size() < column) {
                current.add("");
            }
            current.add(value == null ? "" : clip(value));
        }
    }

    /** Dates as yyyy-MM-dd whatever the cell's format says; other numbers as plain decimals (no grouping, no ¥). */
    private static final class IsoDates extends DataFormatter {

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return formatRawCellContents(value, formatIndex, formatString, false);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, use1904).toLocalDate().toString();
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }
}
