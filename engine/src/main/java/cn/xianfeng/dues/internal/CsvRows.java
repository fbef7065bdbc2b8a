package cn.xianfeng.dues.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.TooLargeException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A statement as CSV: UTF-8 (with or without Excel's BOM), else GB18030 as Chinese banks export it; RFC 4180 quotes. */
final class CsvRows {

    private CsvRows() {
    }

    static List<List<String>> read(byte[] content) {
        String text = decode(content);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // Excel writes a BOM before UTF-8 CSV
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            if (rows.size() > ImportFiles.MAX_ROWS) {
                throw new TooLargeException(Refusal.of("common.maxRows", String.valueOf(ImportFiles.MAX_ROWS)));
            }
            List<String> cells = split(line);
            if (cells.size() > ImportFiles.MAX_COLUMNS) {
                throw new TooLargeException(Refusal.of("common.maxColumnsPerRow", String.valueOf(ImportFiles.MAX_COLUMNS)));
            }
            rows.add(cells.stream().map(ImportFiles::clip).toList());
        }
        while (!rows.isEmpty() && rows.get(rows.size() - 1).stream().allMatch(String::isBlank)) {
            rows.remove(rows.size() - 1);
        }
        return rows;
    }

    private static String decode(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return new String(content, Charset.forName("GB18030"));
        }
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
                if (fields.size() > ImportFiles.MAX_COLUMNS) {
                    break;
                }
            } else if (field.length() <= ImportFiles.MAX_CELL) {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
