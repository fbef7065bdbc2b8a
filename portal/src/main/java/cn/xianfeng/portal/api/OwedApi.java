package cn.xianfeng.portal.api;

import cn.xianfeng.dues.DuesTypes;
import cn.xianfeng.notice.Notices;
import cn.xianfeng.workflow.Owed;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** 谁欠谁 (who owes what: tasks, and dues in arrears) over an org subtree, as JSON and as a spreadsheet; one's notices. */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.OVERSIGHT)
@RestController
@RequestMapping("/api")
class OwedApi {

    private final Owed owed;
    private final OwedReading reading;
    private final Notices notices;
    private final ZoneId zone;
    private final java.time.Clock clock;
    private final org.springframework.context.MessageSource messages;

    OwedApi(Owed owed, OwedReading reading, Notices notices, java.time.Clock clock,
            org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.owed = owed;
        this.reading = reading;
        this.notices = notices;
        this.zone = clock.getZone();
        this.clock = clock;
    }

    /** 谁欠谁 with dues: members in arrears owe their unpaid months, beside the tasks people owe. */
    record OwedView(String org, String orgName, Owed.Totals totals, List<Owed.PersonOwes> people,
                    List<Owed.OrgOwes> orgs, DuesOwed dues) {
    }

    /**
     * The org's collection this month and the members of its subtree with unpaid months before it: the first
     * {@value #ARREARS_SHOWN} by unpaid months (a workbook lists up to its cap) and how many there are in all.
     */
    record DuesOwed(String month, long due, long paid, Double rate, List<DuesTypes.Arrears> arrears, long arrearsTotal) {
    }

    static final int ARREARS_SHOWN = 50;

    OwedView view(String org, String viewer, java.util.Locale locale) {
        return view(reading.of(org, viewer, ARREARS_SHOWN), locale);
    }

    private OwedView view(OwedReading.Read read, java.util.Locale locale) {
        YearMonth now = YearMonth.now(clock);
        Owed.View v = read.tasks().in(locale);
        DuesTypes.MonthDues month = read.month();
        DuesTypes.ArrearsView arrears = read.arrears();
        return new OwedView(v.org(), v.orgName(), v.totals(), v.people(), v.orgs(),
                new DuesOwed(now.toString(), month.due(), month.paid(), month.rate(), arrears.members(), arrears.total()));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "谁欠谁: who owes which tasks (and dues) over an org's subtree, with "
            + "totals, counts per child org and the 50 people who owe most, each with their 5 oldest tasks")
    @GetMapping("/owed")
    OwedView owed(@RequestParam String org, Principal user, java.util.Locale locale) {
        return view(org, user.getName(), locale);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "谁欠谁: one page of the tasks a person owes in an org's subtree, "
            + "oldest first, with their total")
    @GetMapping("/owed/tasks")
    Owed.TaskPage tasks(@RequestParam String org, @RequestParam String person,
                        @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                        Principal user, java.util.Locale locale) {
        return owed.tasks(org, person, user.getName(), page, size).in(locale);
    }

    @GetMapping("/owed.xlsx")
    @io.swagger.v3.oas.annotations.Operation(summary = "谁欠谁 as a workbook: tasks (at most 50,000 rows), people, orgs, dues arrears")
    ResponseEntity<byte[]> export(@RequestParam String org, Principal user) throws IOException {
        // every person and task of the subtree, up to the workbook's cap (memory stays bounded); the workbook is Chinese
        OwedView view = view(reading.export(org, user.getName(), OwedWorkbook.MAX_TASK_ROWS,
                cn.xianfeng.dues.DuesCollection.EXPORT_ARREARS), java.util.Locale.SIMPLIFIED_CHINESE);
        byte[] book = new OwedWorkbook(zone, OwedWorkbook.MAX_TASK_ROWS, process -> messages.getMessage(
                "process." + process, null, process, java.util.Locale.SIMPLIFIED_CHINESE)).write(view, clock.instant());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("谁欠谁-" + view.orgName() + ".xlsx", StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(book);
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
