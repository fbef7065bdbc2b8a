package cn.xianfeng.portal.api;

import cn.xianfeng.dues.DuesTypes.Arrears;
import cn.xianfeng.dues.DuesTypes.MonthRate;
import cn.xianfeng.dues.DuesTypes.OrgRates;
import cn.xianfeng.dues.DuesTypes.Rates;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The dues year-end report as a workbook: 收缴率 (each org of the subtree, each month's rate and the year's),
 * 明细 (due and paid per org and month) and 欠缴党员. Streamed (SXSSF): a county's thousands of rows stay on disk.
 */
@Component
class DuesWorkbook {

    byte[] report(Rates rates, List<Arrears> arrears) throws IOException {
        SXSSFWorkbook book = new SXSSFWorkbook(200);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet summary = book.createSheet("收缴率");
            List<Object> head = new ArrayList<>(List.of("组织名称"));
            rates.orgs().get(0).months().forEach(m -> head.add(m.month()));
            head.add("全年");
            row(summary, 0, head.toArray());
            Sheet detail = book.createSheet("明细");
            row(detail, 0, "组织名称", "月份", "应交人数", "已交人数", "收缴率");
            int s = 1;
            int d = 1;
            for (OrgRates o : rates.orgs()) {
                List<Object> cells = new ArrayList<>(List.of(o.name()));
                long due = 0;
                long paid = 0;
                for (MonthRate m : o.months()) {
                    cells.add(m.rate() == null ? "—" : m.rate());
                    due += m.due();
                    paid += m.paid();
                    row(detail, d++, o.name(), m.month(), m.due(), m.paid(), m.rate() == null ? "—" : m.rate());
                }
                cells.add(due == 0 ? "—" : BigDecimal.valueOf(paid).divide(BigDecimal.valueOf(due), 4,
                        java.math.RoundingMode.HALF_UP).doubleValue());
                row(summary, s++, cells.toArray());
            }
            Sheet behind = book.createSheet("欠缴党员");
            row(behind, 0, "用户名", "姓名", "所在组织", "欠交月数", "欠交金额（元）", "最早欠交月份");
            java.util.Map<String, String> names = new java.util.HashMap<>();
            rates.orgs().forEach(o -> names.put(o.code(), o.name()));
            int b = 1;
            for (Arrears a : arrears) {
                row(behind, b++, a.username(), a.name(), names.getOrDefault(a.orgCode(), ""), a.arrearsMonths(),
                        BigDecimal.valueOf(a.arrearsFen(), 2).doubleValue(), a.firstUnpaid());
            }
            book.write(out);
            return out.toByteArray();
        } finally {
            book.dispose();
            book.close();
        }
    }

    private static void row(Sheet sheet, int index, Object... values) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < values.length; c++) {
            if (values[c] instanceof Number n) {
                row.createCell(c).setCellValue(n.doubleValue());
            } else {
                row.createCell(c).setCellValue(values[c] == null ? "" : String.valueOf(values[c]));
            }
        }
    }
}
