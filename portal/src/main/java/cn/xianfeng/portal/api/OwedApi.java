package cn.xianfeng.portal.api;

import cn.xianfeng.dues.DuesCollection;
import cn.xianfeng.dues.DuesTypes;
import cn.xianfeng.notice.Notices;
import cn.xianfeng.workflow.Owed;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** 谁欠谁 (who owes what: tasks, and dues in arrears) over an org subtree, as JSON and as a spreadsheet; one's notices. */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.OVERSIGHT)
@RestController
@RequestMapping("/api")
class OwedApi {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Owed owed;
    private final Notices notices;
    private final ZoneId zone;
    private final DuesCollection dues;
    private final java.time.Clock clock;

    OwedApi(Owed owed, Notices notices, java.time.Clock clock, DuesCollection dues) {
        this.owed = owed;
        this.notices = notices;
        this.zone = clock.getZone();
        this.clock = clock;
        this.dues = dues;
    }

    /** 谁欠谁 with dues: members in arrears owe their unpaid months, beside the tasks people owe. */
    record OwedView(String org, String orgName, Owed.Totals totals, List<Owed.PersonOwes> people,
                    List<Owed.OrgOwes> orgs, DuesOwed dues) {
    }

    /** The org's collection this month and the members of its subtree with unpaid months before it. */
    record DuesOwed(String month, long due, long paid, Double rate, List<DuesTypes.Arrears> arrears) {
    }

    OwedView view(String org, String viewer) {
        Owed.View v = owed.of(org, viewer);
        YearMonth now = YearMonth.now(clock);
        DuesTypes.OrgDues month = dues.org(org, now.toString(), viewer, 0, 1);
        return new OwedView(v.org(), v.orgName(), v.totals(), v.people(), v.orgs(),
                new DuesOwed(now.toString(), month.due(), month.paid(), month.rate(), dues.arrears(org, viewer)));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "谁欠谁: who owes which tasks (and dues) over an org's subtree, with totals")
    @GetMapping("/owed")
    OwedView owed(@RequestParam String org, Principal user) {
        return view(org, user.getName());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "谁欠谁 as an Excel workbook")
    @GetMapping("/owed.xlsx")
    ResponseEntity<byte[]> export(@RequestParam String org, Principal user) throws IOException {
        OwedView view = view(org, user.getName());
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet people = book.createSheet("人员");
            row(people, 0, "用户名", "姓名", "待办", "超期", "最早到达");
            int i = 1;
            for (Owed.PersonOwes p : view.people()) {
                row(people, i++, p.username(), p.name(), p.open(), p.overdue(), TIME.format(p.oldestSince().atZone(zone)));
            }
            Sheet orgs = book.createSheet("组织");
            row(orgs, 0, "编码", "名称", "待办", "超期");
            row(orgs, 1, view.org(), view.orgName(), view.totals().open(), view.totals().overdue());
            i = 2;
            for (Owed.OrgOwes o : view.orgs()) {
                row(orgs, i++, o.code(), o.name(), o.open(), o.overdue());
            }
            Sheet arrears = book.createSheet("党费欠缴");
            row(arrears, 0, "用户名", "姓名", "欠交月数", "欠交金额（元）", "最早欠交月份");
            i = 1;
            for (DuesTypes.Arrears a : view.dues().arrears()) {
                row(arrears, i++, a.username(), a.name(), a.arrearsMonths(),
                        java.math.BigDecimal.valueOf(a.arrearsFen(), 2).doubleValue(), a.firstUnpaid());
            }
            book.write(out);
            return ResponseEntity.ok()
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename("谁欠谁-" + view.org() + ".xlsx", StandardCharsets.UTF_8).build().toString())
                    .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                    .body(out.toByteArray());
        }
    }

    private static void row(Sheet sheet, int index, Object... values) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < values.length; c++) {
            if (values[c] instanceof Number n) {
                row.createCell(c).setCellValue(n.doubleValue());
            } else {
                row.createCell(c).setCellValue(String.valueOf(values[c]));
            }
        }
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "My notices (in-app), newest first, with the unread count")
    @GetMapping("/notices")
    Map<String, Object> notices(Principal user) {
        return Map.of("unread", notices.unread(user.getName()), "items", notices.of(user.getName(), 50));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Mark one notice (id) or all my notices read")
    @PostMapping("/notices/read")
    Map<String, Object> read(@RequestParam(required = false) Long id, Principal user) {
        return Map.of("marked", notices.markRead(user.getName(), id));
    }

}
