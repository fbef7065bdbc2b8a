package cn.xianfeng.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** UTF-8 CSV, one record per line (RFC 4180 quoting within the line), read within the limits as it streams. */
final class CsvRows {

    private CsvRows() {
    }

    static List<List<String>> read(InputStream content, SpreadsheetReader.Limits limits) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        Reader reader = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8));
        // a line may hold every column at full length, quoted, with separators
        int maxLine = limits.maxColumns() * (limits.maxCellLength() * 2 + 3);
        StringBuilder line = new StringBuilder();
        boolean first = true;
        int c;
        boolean pending = false;
        while ((c = reader.read()) >= 0) {
            if (c == '\n') {
                add(rows, line, first, limits);
                first = false;
                pending = false;
                line.setLength(0);
                continue;
            }
            if (line.length() >= maxLine) {
                throw InvalidInputException.of("file", Refusal.of("common.rowTooLong", String.valueOf((rows.size() + 1))));
            }
            line.append((char) c);
            pending = true;
        }
        if (pending) {
            add(rows, line, first, limits);
        }
        return rows;
    }

    private static void add(List<List<String>> rows, StringBuilder line, boolean first, SpreadsheetReader.Limits limits) {
        if (rows.size() > limits.maxRows()) {
            throw InvalidInputException.of("file", Refusal.of("common.maxRows", String.valueOf(limits.maxRows())));
        }
        int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
        int start = first && end > 0 && line.charAt(0) == '\uFEFF' ? 1 : 0; // Excel writes a BOM before UTF-8 CSV
        List<String> fields = split(line.substring(start, end));
        if (fields.size() > limits.maxColumns()) {
            throw InvalidInputException.of("file", Refusal.of("common.maxColumns", String.valueOf(limits.maxColumns())));
        }
        for (String field : fields) {
            if (field.length() > limits.maxCellLength()) {
                throw InvalidInputException.of("file", Refusal.of("common.cellTooLong", String.valueOf((rows.size() + 1)), String.valueOf(limits.maxCellLength())));
            }
        }
        rows.add(fields);
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
