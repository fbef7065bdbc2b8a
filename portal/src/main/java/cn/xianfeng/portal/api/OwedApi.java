package cn.xianfeng.portal.api;

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
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** 谁欠谁 (who owes what) over an org subtree, as JSON and as a spreadsheet; and one's own notices. */
@RestController
@RequestMapping("/api")
class OwedApi {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Owed owed;
    private final Notices notices;
    private final ZoneId zone;

    OwedApi(Owed owed, Notices notices, java.time.Clock clock) {
        this.owed = owed;
        this.notices = notices;
        this.zone = clock.getZone();
    }

    @GetMapping("/owed")
    Owed.View owed(@RequestParam String org, Principal user) {
        return owed.of(org, user.getName());
    }

    @GetMapping("/owed.xlsx")
    ResponseEntity<byte[]> export(@RequestParam String org, Principal user) throws IOException {
        Owed.View view = owed.of(org, user.getName());
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

    @GetMapping("/notices")
    Map<String, Object> notices(Principal user) {
        return Map.of("unread", notices.unread(user.getName()), "items", notices.of(user.getName(), 50));
    }

    @PostMapping("/notices/read")
    Map<String, Object> read(@RequestParam(required = false) Long id, Principal user) {
        return Map.of("marked", notices.markRead(user.getName(), id));
    }

}
