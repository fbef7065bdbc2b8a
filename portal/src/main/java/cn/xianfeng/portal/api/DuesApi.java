package cn.xianfeng.portal.api;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.TooLargeException;
import cn.xianfeng.dues.DuesBases;
import cn.xianfeng.dues.DuesCollection;
import cn.xianfeng.dues.DuesImport;
import cn.xianfeng.dues.DuesLedger;
import cn.xianfeng.dues.DuesReminders;
import cn.xianfeng.dues.DuesTypes.BaseDeclaration;
import cn.xianfeng.dues.DuesTypes.ImportReport;
import cn.xianfeng.dues.DuesTypes.MemberDues;
import cn.xianfeng.dues.DuesTypes.NewPayment;
import cn.xianfeng.dues.DuesTypes.OrgDues;
import cn.xianfeng.dues.DuesTypes.Rates;
import cn.xianfeng.dues.DuesTypes.Recorded;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;

/** Party dues (API.md "Dues"): bases, the ledger, receipts, import, collection per org, reminders. */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.DUES)
@RestController
@RequestMapping("/api")
class DuesApi {

    private final DuesBases bases;
    private final DuesLedger ledger;
    private final DuesCollection collection;
    private final DuesImport imports;
    private final DuesReminders reminders;
    private final DuesWorkbook workbook;
    private final Clock clock;

    DuesApi(DuesBases bases, DuesLedger ledger, DuesCollection collection, DuesImport imports,
            DuesReminders reminders, DuesWorkbook workbook, Clock clock) {
        this.bases = bases;
        this.ledger = ledger;
        this.collection = collection;
        this.imports = imports;
        this.reminders = reminders;
        this.workbook = workbook;
        this.clock = clock;
    }

    /** Amounts arrive as JSON numbers; a fraction of a fen is refused, not truncated. */
    record BaseRequest(String category, BigDecimal monthlyBaseFen, BigDecimal fixedFen, String from) {
    }

    record DecisionRequest(String decision, String reason) {
    }

    record PaymentRequest(String username, List<String> months, BigDecimal amountFen, String paidOn) {
    }

    record ReversalRequest(String reason) {
    }

    record Created(long id, String receiptCode) {
    }

    @Operation(summary = "Declare a member's monthly base (the member, a collector, or the secretary, who confirms at once)")
    @PutMapping("/dues/members/{username}/base")
    MemberDues declare(@PathVariable String username, @RequestBody BaseRequest r, Principal user) {
        return bases.declare(username, new BaseDeclaration(r.category(), fen(r.monthlyBaseFen(), "monthlyBaseFen"),
                fen(r.fixedFen(), "fixedFen"), r.from()), user.getName());
    }

    @Operation(summary = "Confirm or reject the member's pending base declaration (the secretary or an officer above)")
    @PostMapping("/dues/members/{username}/base/decision")
    MemberDues decide(@PathVariable String username, @RequestBody DecisionRequest r, Principal user) {
        return bases.decide(username, r.decision(), r.reason(), user.getName());
    }

    @Operation(summary = "A member's dues: standard, paid-until month, arrears, declarations and payments with receipts")
    @GetMapping("/dues/members/{username}")
    MemberDues member(@PathVariable String username, Principal user) {
        return ledger.member(username, user.getName());
    }

    @Operation(summary = "My dues (我的党费)")
    @GetMapping("/me/dues")
    MemberDues mine(Principal user) {
        return ledger.member(user.getName(), user.getName());
    }

    @Operation(summary = "催缴: remind a member in arrears (collectors; once a day per member, 429 for a second)")
    @PostMapping("/dues/members/{username}/remind")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remind(@PathVariable String username, Principal user) {
        reminders.urge(username, user.getName());
    }

    @Operation(summary = "Record a payment for one or several months; amountFen must equal the months' standards")
    @PostMapping("/dues/payments")
    @ResponseStatus(HttpStatus.CREATED)
    Created pay(@RequestBody PaymentRequest r, Principal user) {
        Recorded done = ledger.record(new NewPayment(r.username(), r.months(), fen(r.amountFen(), "amountFen"),
                r.paidOn()), user.getName());
        return new Created(done.id(), done.receiptCode());
    }

    @Operation(summary = "Correct a payment: a reversal row referencing it; its months are unpaid again, its receipt void")
    @PostMapping("/dues/payments/{id}/reversal")
    @ResponseStatus(HttpStatus.CREATED)
    Created reverse(@PathVariable long id, @RequestBody ReversalRequest r, Principal user) {
        return new Created(ledger.reverse(id, r.reason(), user.getName()).id(), null);
    }

    @Operation(summary = "A payment's signed receipt (PDF with its verification code)")
    @GetMapping(value = "/dues/payments/{id}/receipt.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> receipt(@PathVariable long id, Principal user) {
        DuesLedger.Receipt receipt = ledger.receipt(id, user.getName());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("党费收据-" + receipt.code() + ".pdf", StandardCharsets.UTF_8).build().toString())
                .header("X-Document-Code", receipt.code())
                .body(receipt.pdf());
    }

    @Operation(summary = "Import payments from a bank statement (.xlsx or .csv), reported row by row",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
                    mediaType = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = OpenApiDocument.FileUpload.class))))
    @PostMapping(value = "/dues/payments/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportReport importFile(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam("file") MultipartFile file, Principal user) throws IOException {
        if (file.getSize() > DuesImport.MAX_BYTES) {
            throw new TooLargeException(Refusal.of("common.fileTooLarge", String.valueOf(DuesImport.MAX_BYTES / 1024 / 1024)));
        }
        return imports.importFile(file.getOriginalFilename(), file.getBytes(), user.getName());
    }

    @Operation(summary = "An org's subtree for a month: members owing, members who paid, the rate, and the members")
    @GetMapping("/dues/orgs/{code}")
    OrgDues org(@PathVariable String code, @RequestParam(required = false) String month,
                @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "200") int size,
                Principal user) {
        return collection.org(code, month, user.getName(), page, size);
    }

    @Operation(summary = "Collection rate month by month for the org and every org below it (a year, default this one)")
    @GetMapping("/dues/orgs/{code}/rates")
    Rates rates(@PathVariable String code, @RequestParam(required = false) Integer year, Principal user) {
        int y = year(year);
        return collection.rates(code, YearMonth.of(y, 1), YearMonth.of(y, 12), user.getName());
    }

    @Operation(summary = "The year-end report as Excel: rates per org and month, and the members in arrears")
    @GetMapping("/dues/orgs/{code}/report.xlsx")
    ResponseEntity<byte[]> report(@PathVariable String code, @RequestParam(required = false) Integer year,
                                  Principal user) throws IOException {
        int y = year(year);
        Rates rates = collection.rates(code, YearMonth.of(y, 1), YearMonth.of(y, 12), user.getName());
        byte[] xlsx = workbook.report(rates, collection.arrears(code, user.getName()));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("党费收缴-" + rates.orgName() + "-" + y + ".xlsx", StandardCharsets.UTF_8).build()
                        .toString())
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(xlsx);
    }

    private int year(Integer year) {
        int current = YearMonth.now(clock).getYear();
        if (year != null && (year < 2000 || year > current + 1)) {
            throw InvalidInputException.of("year", Refusal.of("common.yearFrom2000", String.valueOf(current + 1)));
        }
        return year == null ? current : year;
    }

    static Long fen(BigDecimal value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return value.stripTrailingZeros().scale() > 0 ? fail(field) : value.longValueExact();
        } catch (ArithmeticException e) {
            return fail(field);
        }
    }

    private static Long fail(String field) {
        throw InvalidInputException.of(field, Refusal.of("dues.wholeFen"));
    }
}
