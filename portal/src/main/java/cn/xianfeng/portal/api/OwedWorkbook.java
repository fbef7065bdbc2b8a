package cn.xianfeng.portal.api;

import cn.xianfeng.dues.DuesTypes;
import cn.xianfeng.workflow.Owed;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * 谁欠谁 as a workbook a person can sort and filter: one row per task and person who owes it (case, process, step,
 * owner, since, due, overdue), then people, orgs and dues arrears. Labels, not codes; counts are whole numbers and
 * times are Excel dates in the application's zone; each sheet's header row is frozen and its columns sized; the
 * export time is written. At most {@code maxTaskRows} task rows are written (streamed, 100 rows in memory), and a
 * last row says so when the list was cut.
 */
final class OwedWorkbook {

    static final int MAX_TASK_ROWS = 50_000;

    private final ZoneId zone;
    private final int maxTaskRows;
    private final Function<String, String> processLabel;

    OwedWorkbook(ZoneId zone, int maxTaskRows, Function<String, String> processLabel) {
        this.zone = zone;
        this.maxTaskRows = maxTaskRows;
        this.processLabel = processLabel;
    }

    private final class Styles {
        final CellStyle header;
        final CellStyle count;
        final CellStyle time;
        final CellStyle day;
        final CellStyle money;

        Styles(SXSSFWorkbook book) {
            Font bold = book.createFont();
            bold.setBold(true);
            header = book.createCellStyle();
            header.setFont(bold);
            count = format(book, "0");
            time = format(book, "yyyy-mm-dd hh:mm");
            day = format(book, "yyyy-mm-dd");
            money = format(book, "0.00");
        }

        private CellStyle format(SXSSFWorkbook book, String pattern) {
            CellStyle s = book.createCellStyle();
            s.setDataFormat(book.createDataFormat().getFormat(pattern));
            return s;
        }
    }

    byte[] write(OwedApi.OwedView view, Instant exportedAt) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles st = new Styles(book);
            tasks(book, st, view, exportedAt);
            Sheet people = sheet(book, st, "人员", new int[] {24, 10, 10, 18}, "人员", "待办", "超期", "最早到达");
            int i = 1;
            for (Owed.PersonOwes p : view.people()) {
                Row r = people.createRow(i++);
                text(r, 0, person(p));
                count(r, 1, p.open(), st);
                count(r, 2, p.overdue(), st);
                time(r, 3, p.oldestSince(), st.time);
            }
            Sheet orgs = sheet(book, st, "组织", new int[] {30, 10, 10}, "组织", "待办", "超期");
            Row all = orgs.createRow(1);
            text(all, 0, view.orgName() + "（合计）");
            count(all, 1, view.totals().open(), st);
            count(all, 2, view.totals().overdue(), st);
            i = 2;
            for (Owed.OrgOwes o : view.orgs()) {
                Row r = orgs.createRow(i++);
                text(r, 0, o.name());
                count(r, 1, o.open(), st);
                count(r, 2, o.overdue(), st);
            }
            Sheet arrears = sheet(book, st, "党费欠缴", new int[] {16, 10, 14, 14}, "姓名", "欠交月数", "欠交金额（元）",
                    "最早欠交月份");
            i = 1;
            for (DuesTypes.Arrears a : view.dues().arrears()) {
                Row r = arrears.createRow(i++);
                text(r, 0, a.name());
                count(r, 1, a.arrearsMonths(), st);
                r.createCell(2).setCellValue(BigDecimal.valueOf(a.arrearsFen(), 2).doubleValue());
                r.getCell(2).setCellStyle(st.money);
                text(r, 3, String.valueOf(a.firstUnpaid()));
            }
            book.write(out);
            book.dispose();
            return out.toByteArray();
        }
    }

    private void tasks(SXSSFWorkbook book, Styles st, OwedApi.OwedView view, Instant exportedAt) {
        Sheet sheet = sheet(book, st, "任务", new int[] {36, 12, 20, 22, 18, 12, 10}, "案件", "流程", "环节", "办理人",
                "到达时间", "期限", "是否超期");
        // every (task, person) row of the subtree, also those the view did not carry
        long total = view.people().stream().mapToLong(Owed.PersonOwes::open).sum();
        int i = 1;
        outer:
        for (Owed.PersonOwes p : view.people()) {
            for (Owed.OwedTask t : p.tasks()) {
                if (i > maxTaskRows) {
                    break outer;
                }
                Row r = sheet.createRow(i++);
                text(r, 0, t.subject());
                text(r, 1, processLabel.apply(t.process()));
                text(r, 2, t.name());
                text(r, 3, person(p));
                time(r, 4, t.createdAt(), st.time);
                time(r, 5, t.due(), st.day);
                text(r, 6, t.overdue() ? "超期" : "否");
            }
        }
        i++;
        Row at = sheet.createRow(i++);
        text(at, 0, "导出时间");
        time(at, 1, exportedAt, st.time);
        if (total > maxTaskRows) {
            text(sheet.createRow(i), 0, "仅导出前 " + maxTaskRows + " 行，共 " + total + " 行；请按下级组织分别导出。");
        }
    }

    /** As the page shows a person: the name, and the user name that tells two of the same name apart. */
    private static String person(Owed.PersonOwes p) {
        return p.name() + "（" + p.username() + "）";
    }

    private static Sheet sheet(SXSSFWorkbook book, Styles st, String name, int[] widths, String... headers) {
        SXSSFSheet sheet = book.createSheet(name);
        Row head = sheet.createRow(0);
        for (int c = 0; c < headers.length; c++) {
            head.createCell(c).setCellValue(headers[c]);
            head.getCell(c).setCellStyle(st.header);
            sheet.setColumnWidth(c, widths[c] * 256);
        }
        sheet.createFreezePane(0, 1);
        return sheet;
    }

    private static void text(Row r, int c, String value) {
        r.createCell(c).setCellValue(value == null ? "" : value);
    }

    private static void count(Row r, int c, long value, Styles st) {
        r.createCell(c).setCellValue(value);
        r.getCell(c).setCellStyle(st.count);
    }

    private void time(Row r, int c, Instant at, CellStyle style) {
        if (at == null) {
            r.createCell(c).setCellValue("");
            return;
        }
        r.createCell(c).setCellValue(LocalDateTime.ofInstant(at, zone));
        r.getCell(c).setCellStyle(style);
    }
}
