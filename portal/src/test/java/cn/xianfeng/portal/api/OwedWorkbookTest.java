package cn.xianfeng.portal.api;

import cn.xianfeng.dues.DuesTypes;
import cn.xianfeng.workflow.Owed;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The 谁欠谁 workbook as Excel reads it: a task sheet with labels, whole counts, real dates, a frozen header, a bound. */
class OwedWorkbookTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2026-12-01T02:00:00Z");

    static OwedApi.OwedView view(int tasks) {
        List<Owed.OwedTask> list = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            list.add(new Owed.OwedTask("t" + i, "case-" + i, "report", "review", "支部书记审核", "第三季度学习情况报告 " + i,
                    Instant.parse("2026-11-01T01:30:00Z"), Instant.parse("2026-11-08T15:59:59Z"), i % 2 == 0));
        }
        Owed.PersonOwes zhang = new Owed.PersonOwes("zhangsan", "张三", tasks, (tasks + 1) / 2,
                Instant.parse("2026-11-01T01:30:00Z"), list);
        return new OwedApi.OwedView("C01-T1-B1", "城关社区党支部", new Owed.Totals(tasks, (tasks + 1) / 2, 1), List.of(zhang),
                List.of(), new OwedApi.DuesOwed("2026-12", 5, 3, 0.6, List.of(
                        new DuesTypes.Arrears("zhaoliu", "赵六", "C01-T1-B1", 2, 8000, "2026-10")), 1));
    }

    static XSSFWorkbook read(byte[] bytes) throws Exception {
        return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    }

    @Test
    void theTaskSheetHasLabelsDatesWholeCountsAFrozenHeaderAndTheExportTime() throws Exception {
        byte[] bytes = new OwedWorkbook(SHANGHAI, 50_000, p -> p.equals("report") ? "情况报告" : p).write(view(3), NOW);
        try (XSSFWorkbook book = read(bytes)) {
            Sheet tasks = book.getSheet("任务");
            assertThat(book.getSheetIndex(tasks)).isZero();
            Row head = tasks.getRow(0);
            assertThat(List.of(head.getCell(0).getStringCellValue(), head.getCell(1).getStringCellValue(),
                    head.getCell(2).getStringCellValue(), head.getCell(3).getStringCellValue(),
                    head.getCell(4).getStringCellValue(), head.getCell(5).getStringCellValue(),
                    head.getCell(6).getStringCellValue()))
                    .containsExactly("案件", "流程", "环节", "办理人", "到达时间", "期限", "是否超期");
            assertThat(tasks.getPaneInformation().isFreezePane()).isTrue();
            assertThat(tasks.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(tasks.getColumnWidth(0)).isGreaterThan(20 * 256);
            Row first = tasks.getRow(1);
            assertThat(first.getCell(1).getStringCellValue()).isEqualTo("情况报告");
            assertThat(first.getCell(2).getStringCellValue()).isEqualTo("支部书记审核");
            assertThat(first.getCell(3).getStringCellValue()).isEqualTo("张三（zhangsan）");
            assertThat(first.getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(first.getCell(4))).isTrue();
            assertThat(first.getCell(4).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 11, 1, 9, 30));
            assertThat(first.getCell(5).getLocalDateTimeCellValue().toLocalDate()).hasToString("2026-11-08");
            assertThat(first.getCell(6).getStringCellValue()).isEqualTo("超期");
            assertThat(tasks.getRow(2).getCell(6).getStringCellValue()).isEqualTo("否");
            Row exported = tasks.getRow(5);
            assertThat(exported.getCell(0).getStringCellValue()).isEqualTo("导出时间");
            assertThat(exported.getCell(1).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 12, 1, 10, 0));
            assertThat(tasks.getLastRowNum()).as("no 'cut' row under the bound").isEqualTo(5);

            Sheet people = book.getSheet("人员");
            var open = people.getRow(1).getCell(1);
            assertThat(open.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(open.getNumericCellValue()).isEqualTo(3.0);
            assertThat(open.getCellStyle().getDataFormatString()).isEqualTo("0");
            assertThat(people.getPaneInformation().isFreezePane()).isTrue();
            Sheet orgs = book.getSheet("组织");
            assertThat(orgs.getRow(1).getCell(0).getStringCellValue()).isEqualTo("城关社区党支部（合计）");
            Sheet arrears = book.getSheet("党费欠缴");
            assertThat(arrears.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(80.0);
        }
    }

    @Test
    void aLongListIsCutAtTheBoundAndTheSheetSaysSo() throws Exception {
        byte[] bytes = new OwedWorkbook(SHANGHAI, 4, p -> p).write(view(7), NOW);
        try (XSSFWorkbook book = read(bytes)) {
            Sheet tasks = book.getSheet("任务");
            assertThat(tasks.getRow(4).getCell(0).getStringCellValue()).endsWith("3");
            assertThat(tasks.getRow(5)).as("a blank row after the 4 written").isNull();
            assertThat(tasks.getRow(6).getCell(0).getStringCellValue()).isEqualTo("导出时间");
            assertThat(tasks.getRow(7).getCell(0).getStringCellValue()).contains("仅导出前 4 行", "共 7 行");
        }
    }
}
