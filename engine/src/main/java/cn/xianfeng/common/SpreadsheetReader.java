package cn.xianfeng.common;

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
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the rows of an .xlsx (first sheet) or a UTF-8 .csv as lists of cell texts, within {@link Limits} checked
 * before the memory is spent: the upload's bytes, each zip entry's and all entries' inflated bytes (counted while
 * inflating, whatever the zip declares), then rows, columns and cell length while streaming (SAX; no workbook is
 * built in memory). Beyond a size limit: 413; beyond rows, columns or cell length, or not a spreadsheet: 400.
 * Date-formatted numbers come out as {@code yyyy-MM-dd}.
 */
public final class SpreadsheetReader {

    /**
     * @param maxBytes      the file as uploaded
     * @param maxEntryBytes an .xlsx part inflated (workbook, styles, relationships, properties …)
     * @param maxSheetBytes a worksheet or the shared strings inflated
     * @param maxTotalBytes every part inflated together
     */
    public record Limits(long maxBytes, long maxEntryBytes, long maxSheetBytes, long maxTotalBytes, int maxEntries,
                         int maxRows, int maxColumns, int maxCellLength) {

        /** For imports of a few thousand rows: 10 MB uploads, 64 MB of XML, 32 columns of at most 1,000 characters. */
        public static Limits imports(int maxRows) {
            return new Limits(10L << 20, 4L << 20, 32L << 20, 64L << 20, 1_000, maxRows, 32, 1_000);
        }
    }

    private SpreadsheetReader() {
    }

    /** Every row, the header included; at most {@code maxRows} rows after the header. */
    public static List<List<String>> read(String filename, InputStream content, Limits limits) throws IOException {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CsvRows.read(new BoundedInputStream(content, limits.maxBytes(), "文件过大"), limits);
        }
        if (!name.endsWith(".xlsx")) {
            throw new UnsupportedTypeException(Refusal.of("common.xlsxOrCsv"));
        }
        Path file = Files.createTempFile("xianfeng-sheet-", ".xlsx");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                new BoundedInputStream(content, limits.maxBytes(), "文件过大").transferTo(out);
            }
            ZipBudget.check(file, limits);
            return xlsx(file, limits);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<List<String>> xlsx(Path file, Limits limits) throws IOException {
        Rows rows = new Rows(limits);
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            String sheet;
            try (InputStream workbook = bounded(reader.getWorkbookData(), limits.maxEntryBytes())) {
                sheet = firstSheet(workbook);
            }
            StylesTable styles;
            try (InputStream in = bounded(reader.getStylesData(), limits.maxEntryBytes())) {
                styles = new StylesTable(in);
            } catch (TooLargeException e) {
                throw e;
            } catch (IOException | RuntimeException | OpenXML4JException absent) {
                styles = new StylesTable(); // no styles part: numbers keep their general format
            }
            ReadOnlySharedStringsTable strings;
            try (InputStream in = sharedStrings(reader, limits)) {
                strings = in == null ? new ReadOnlySharedStringsTable(InputStream.nullInputStream())
                        : new ReadOnlySharedStringsTable(in);
            }
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new XSSFSheetXMLHandler(styles, strings, rows, new IsoDates(), false));
            try (InputStream in = bounded(reader.getSheet(sheet), limits.maxSheetBytes())) {
                xml.parse(new InputSource(in));
            }
        } catch (TooLargeException | InvalidInputException e) {
            throw e;
        } catch (IOException | SAXException | OpenXML4JException | XMLStreamException
                 | javax.xml.parsers.ParserConfigurationException | RuntimeException e) {
            if (e.getCause() instanceof TooLargeException t) {
                throw t;
            }
            if (e.getCause() instanceof InvalidInputException i) {
                throw i;
            }
            throw InvalidInputException.of("file", Refusal.of("common.unreadableXlsx"));
        }
        return rows.all;
    }

    private static InputStream sharedStrings(XSSFReader reader, Limits limits) throws IOException {
        try {
            InputStream in = reader.getSharedStringsData();
            return in == null ? null : bounded(in, limits.maxSheetBytes());
        } catch (OpenXML4JException | RuntimeException absent) {
            return null;
        }
    }

    /** The relationship id of the workbook's first sheet, read until found. */
    private static String firstSheet(InputStream workbook) throws XMLStreamException {
        XMLStreamReader xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(workbook);
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("sheet")) {
                for (int i = 0; i < xml.getAttributeCount(); i++) {
                    if (xml.getAttributeLocalName(i).equals("id")) {
                        return xml.getAttributeValue(i);
                    }
                }
            }
        }
        throw InvalidInputException.of("file", Refusal.of("common.noSheet"));
    }

    private static InputStream bounded(InputStream in, long limit) {
        return new BoundedInputStream(in, limit, "文件解压后过大（疑似压缩炸弹）");
    }

    /** Collects rows, refusing a sheet beyond the limits as soon as it shows. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final Limits limits;
        private final List<List<String>> all = new ArrayList<>();
        private List<String> current;

        Rows(Limits limits) {
            this.limits = limits;
        }

        @Override
        public void startRow(int rowNum) {
            if (all.size() > limits.maxRows()) {
                throw InvalidInputException.of("file", Refusal.of("common.maxRows", String.valueOf(limits.maxRows())));
            }
            current = new ArrayList<>();
        }

        @Override
        public void endRow(int rowNum) {
            all.add(current);
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? current.size() : new CellReference(reference).getCol();
            if (column >= limits.maxColumns() || column < 0) {
                throw InvalidInputException.of("file", Refusal.of("common.maxColumns", String.valueOf(limits.maxColumns())));
            }
            String text = value == null ? "" : value;
            if (text.length() > limits.maxCellLength()) {
                throw InvalidInputException.of("file", Refusal.of("common.cellTooLong", String.valueOf((all.size() + 1)), String.valueOf(limits.maxCellLength())));
            }
            while (current.size() < column) {
                current.add("");
            }
            current.add(text);
        }
    }

    /** Date-formatted numbers as ISO dates, as the import expects them; everything else as Excel shows it. */
    private static final class IsoDates extends DataFormatter {

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value).toLocalDate().toString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString);
        }
    }
}
