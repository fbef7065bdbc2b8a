package cn.xianfeng.common;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bounded reader on ordinary files (the bombs run over HTTP in the portal's SpreadsheetAndJsonBoundsTest). */
class SpreadsheetReaderTest {

    static final SpreadsheetReader.Limits LIMITS = SpreadsheetReader.Limits.imports(10);

    @Test
    void readsAnExcelFileWithDatesGapsAndNumbers() throws Exception {
        byte[] book;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("人员");
            Row h = sheet.createRow(0);
            h.createCell(0).setCellValue("username");
            h.createCell(1).setCellValue("birthDate");
            h.createCell(3).setCellValue("count");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue("张三");
            r.createCell(1).setCellValue(LocalDate.of(1985, 6, 1));
            r.getCell(1).setCellStyle(date);
            r.createCell(3).setCellValue(42);
            wb.write(out);
            book = out.toByteArray();
        }
        List<List<String>> rows = SpreadsheetReader.read("people.XLSX", new ByteArrayInputStream(book), LIMITS);
        assertThat(rows).containsExactly(List.of("username", "birthDate", "", "count"), List.of("张三", "1985-06-01", "", "42"));
    }

    @Test
    void readsCsvWithBomQuotesAndCrLf() throws Exception {
        String csv = "\uFEFFa,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\nlast,row";
        assertThat(SpreadsheetReader.read("p.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), LIMITS))
                .containsExactly(List.of("a", "b"), List.of("x,1", "say \"hi\""), List.of("last", "row"));
    }

    @Test
    void refusesBeyondTheLimits() {
        String rows = "a\n".repeat(12);
        assertThatThrownBy(() -> SpreadsheetReader.read("p.csv", new ByteArrayInputStream(rows.getBytes()), LIMITS))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("10");
        String wide = "a,".repeat(40);
        assertThatThrownBy(() -> SpreadsheetReader.read("p.csv", new ByteArrayInputStream(wide.getBytes()), LIMITS))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SpreadsheetReader.read("p.xls", new ByteArrayInputStream(new byte[1]), LIMITS))
                .isInstanceOf(UnsupportedTypeException.class);
        SpreadsheetReader.Limits tiny = new SpreadsheetReader.Limits(100, 1, 1, 1, 1, 10, 32, 1000);
        assertThatThrownBy(() -> SpreadsheetReader.read("p.csv", new ByteArrayInputStream(new byte[101]), tiny))
                .isInstanceOf(TooLargeException.class);
    }
}
