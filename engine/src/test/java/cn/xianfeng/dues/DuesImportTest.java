package cn.xianfeng.dues;

import cn.xianfeng.TestCounty;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.TooLargeException;
import cn.xianfeng.common.UnsupportedTypeException;
import cn.xianfeng.dues.DuesTypes.ImportReport;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.PersonalData;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bank statements row by row: a rejected row stores nothing; the file's size, rows, columns and zip are bounded. */
class DuesImportTest extends DuesTestSupport {

    @Test
    void anExcelStatementIsImportedRowByRowAndTheBadRowStoresNothing() throws Exception {
        YearMonth m0 = now().minusMonths(1);
        String a = withBase(m0);
        String b = withBase(m0);
        String c = withBase(m0);
        byte[] xlsx;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("流水");
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
            CellStyle money = book.createCellStyle();
            money.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("#,##0.00"));
            row(sheet, 0, "username", "amountYuan", "paidOn", "months");
            row(sheet, 1, a, "80.00", today(), m0 + ";" + m0.plusMonths(1));
            row(sheet, 2, c, "39.99", today(), m0.toString());
            Row r3 = sheet.createRow(3);
            r3.createCell(0).setCellValue(b);
            r3.createCell(1).setCellValue(40);
            r3.getCell(1).setCellStyle(money);
            r3.createCell(2).setCellValue(LocalDate.now(clock));
            r3.getCell(2).setCellStyle(date);
            book.write(out);
            xlsx = out.toByteArray();
        }
        ImportReport report = imports.importFile("bank.xlsx", xlsx, "sec1");
        assertThat(report.accepted()).isEqualTo(2);
        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.row()).as("numbered from 1 after the header").isEqualTo(2);
            assertThat(r.reason()).contains("40.00");
        });
        assertThat(payments(c)).as("the rejected row stored nothing").isZero();
        assertThat(paidMonths(a)).containsExactly(m0.toString(), m0.plusMonths(1).toString());
        assertThat(paidMonths(b)).as("no months column value: the amount's whole months from the first unpaid")
                .containsExactly(m0.toString());
        assertThat(report.payments()).allSatisfy(p -> assertThat(documents.verify(p.receiptCode()).valid()).isTrue());
        assertThat(jdbc.sql("select count(*) from dues_payment where username in (?, ?) and source = 'IMPORT'")
                .params(a, b).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aGbkCsvByIdNumberOrNameIsTakenAndAStatementImportedTwiceIsRefusedTheSecondTime() {
        String first17 = "99000019800101" + String.format("%03d", counter.incrementAndGet() % 1000);
        String id = first17 + PersonalData.checkDigit(first17);
        String username = "dmid" + counter.get();
        people.create(new NewPerson(username, "身份证党员" + counter.get(), LocalDate.of(1980, 1, 1), "K-T-B1",
                MemberStatus.FULL, LocalDate.of(2005, 7, 1), TestCounty.PASSWORD, id, null), "admin");
        cn.xianfeng.TestDues.base(bases, username, now());
        String byName = withBase(now());
        String other = member("K-T-B2");
        cn.xianfeng.TestDues.base(bases, other, now());

        String csv = "idNumber,amountYuan,paidOn\n" + id + ",¥40.00," + today().replace('-', '/') + "\n"
                + "110101190001011237,40," + today() + "\n";
        ImportReport r = imports.importFile("工行流水.csv", csv.getBytes(Charset.forName("GB18030")), "sec1");
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.rejected()).singleElement().satisfies(x -> assertThat(x.reason()).contains("不在您负责收缴的支部"));
        assertThat(paidMonths(username)).containsExactly(now().toString());

        String names = "name,amountYuan,paidOn\n" + people.get(byName).name() + ",40," + today() + "\n"
                + people.get(other).name() + ",40," + today() + "\n";
        ImportReport n = imports.importFile("names.csv", names.getBytes(StandardCharsets.UTF_8), "sec1");
        assertThat(n.accepted()).isEqualTo(1);
        assertThat(n.rejected()).singleElement().satisfies(x -> {
            assertThat(x.row()).isEqualTo(2);
            assertThat(x.reason()).as("another branch's member").contains("不在您负责收缴的支部");
        });
        assertThat(payments(other)).isZero();

        String again = "username,amountYuan,paidOn\n" + username + ",40," + today() + "\n";
        ImportReport twice = imports.importFile("again.csv", again.getBytes(StandardCharsets.UTF_8), "sec1");
        assertThat(twice.rejected()).singleElement().satisfies(x -> assertThat(x.reason()).contains("疑似重复"));
        assertThat(paidMonths(username)).containsExactly(now().toString());
    }

    @Test
    void oversizedFilesZipBombsAndStrangeFilesAreRefusedBeforeAnythingIsRead() throws Exception {
        assertThatThrownBy(() -> imports.importFile("x.csv", "username,amountYuan,paidOn\n".getBytes(), "member1"))
                .as("not a collector").isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> imports.importFile("x.csv", new byte[2 * 1024 * 1024 + 1], "sec1"))
                .isInstanceOf(TooLargeException.class);
        StringBuilder rows = new StringBuilder("username,amountYuan,paidOn\n");
        for (int i = 0; i < 2001; i++) {
            rows.append("nobody,1,2020-01-01\n");
        }
        assertThatThrownBy(() -> imports.importFile("x.csv", rows.toString().getBytes(), "sec1"))
                .isInstanceOf(TooLargeException.class);
        assertThatThrownBy(() -> imports.importFile("x.csv", ("username,amountYuan,paidOn" + ",x".repeat(20) + "\n")
                .getBytes(), "sec1")).isInstanceOf(TooLargeException.class);
        assertThatThrownBy(() -> imports.importFile("x.csv", "who,what\nzhang,1\n".getBytes(), "sec1"))
                .as("the header names the columns").isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> imports.importFile("x.txt", "a".getBytes(), "sec1"))
                .isInstanceOf(UnsupportedTypeException.class);
        assertThatThrownBy(() -> imports.importFile("x.xlsx", "not a zip at all".getBytes(), "sec1"))
                .isInstanceOf(InvalidInputException.class);

        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertThat(bomb.size()).as("64 MB of zeros in a small file").isLessThan(200_000);
        assertThatThrownBy(() -> imports.importFile("bomb.xlsx", bomb.toByteArray(), "sec1"))
                .isInstanceOf(TooLargeException.class);

        byte[] far;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet();
            row(sheet, 0, "username", "amountYuan", "paidOn");
            sheet.createRow(1_000_000).createCell(0).setCellValue("far away");
            book.write(out);
            far = out.toByteArray();
        }
        assertThatThrownBy(() -> imports.importFile("far.xlsx", far, "sec1")).as("a row a million down")
                .isInstanceOf(TooLargeException.class);
        byte[] wide;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet();
            row(sheet, 0, "username", "amountYuan", "paidOn");
            sheet.createRow(1).createCell(16_000).setCellValue("far right");
            book.write(out);
            wide = out.toByteArray();
        }
        assertThatThrownBy(() -> imports.importFile("wide.xlsx", wide, "sec1")).isInstanceOf(TooLargeException.class);
    }

    private static void row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }
}
