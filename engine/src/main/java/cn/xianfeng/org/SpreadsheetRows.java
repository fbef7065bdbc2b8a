package cn.xianfeng.org;

import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.UnsupportedTypeException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the rows of an .xlsx (first sheet) or a UTF-8 .csv as lists of strings. */
final class SpreadsheetRows {

    private SpreadsheetRows() {
    }

    static List<List<String>> read(String filename, InputStream content) throws IOException {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return csv(content);
        }
        if (name.endsWith(".xlsx")) {
            return xlsx(content);
        }
        throw new UnsupportedTypeException("只接受 .xlsx 或 .csv 文件");
    }

    private static List<List<String>> xlsx(InputStream content) throws IOException {
        try (Workbook book = new XSSFWorkbook(content)) {
            Sheet sheet = book.getSheetAt(0);
            DataFormatter format = new DataFormatter();
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                            && org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(cell)
                            ? cell.getLocalDateTimeCellValue().toLocalDate().toString() : format.formatCellValue(cell));
                }
                rows.add(cells);
            }
            return rows;
        } catch (IllegalArgumentException | IllegalStateException | IOException | org.apache.poi.ooxml.POIXMLException e) {
            throw InvalidInputException.of("file", "无法读取 .xlsx 文件");
        }
    }

    private static List<List<String>> csv(InputStream content) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8));
        String line;
        boolean first = true;
        while ((line = reader.readLine()) != null) {
            if (first && line.startsWith("\uFEFF")) {
                line = line.substring(1); // Excel writes a BOM before UTF-8 CSV
            }
            first = false;
            rows.add(split(line));
        }
        return rows;
    }

    /** RFC 4180 fields on one line: quotes around fields, doubled quotes inside. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
