package cn.xianfeng.org;

import cn.xianfeng.common.SpreadsheetReader;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Reads the rows of an .xlsx (first sheet) or a UTF-8 .csv as lists of strings, within the import limits. */
final class SpreadsheetRows {

    private SpreadsheetRows() {
    }

    static List<List<String>> read(String filename, InputStream content) throws IOException {
        return SpreadsheetReader.read(filename, content, SpreadsheetReader.Limits.imports(PeopleImport.MAX_ROWS));
    }
}
