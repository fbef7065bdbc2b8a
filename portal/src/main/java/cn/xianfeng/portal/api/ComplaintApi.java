package cn.xianfeng.portal.api;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.TooLargeException;
import cn.xianfeng.complaint.ClosureReports;
import cn.xianfeng.complaint.ComplaintRates;
import cn.xianfeng.complaint.ComplaintTypes.ComplaintView;
import cn.xianfeng.complaint.ComplaintTypes.Intake;
import cn.xianfeng.complaint.ComplaintTypes.PublicStatus;
import cn.xianfeng.complaint.ComplaintTypes.Rates;
import cn.xianfeng.complaint.Complaints;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.LocalDate;
import java.util.Locale;

/**
 * 接诉即办: the public intake, tracking and evaluation (no sign-in; limited per address), and for staff the
 * complaint with its contact (in full for dispatchers only), the three rates and the closure report.
 */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.COMPLAINTS)
@RestController
@RequestMapping("/api")
class ComplaintApi {

    /** A complaint is a few thousand characters; anything much larger is not one. */
    static final long MAX_BODY = 32 * 1024;

    private final Complaints complaints;
    private final ComplaintRates rates;
    private final ClosureReports closures;

    ComplaintApi(Complaints complaints, ComplaintRates rates, ClosureReports closures) {
        this.complaints = complaints;
        this.rates = rates;
        this.closures = closures;
    }

    /** The API's fields; {@code website} is a honeypot that people never see and bots fill. */
    record IntakeRequest(String category, String title, String content, String location, Boolean anonymous,
                         String contactName, String contactPhone, String website) {
    }

    record Tracking(String trackingCode) {
    }

    record EvaluationRequest(String rating, String comment) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "接诉即办: file a complaint without signing in (limited per address); answers a tracking code")
    @PostMapping("/public/complaints")
    @ResponseStatus(HttpStatus.CREATED)
    Tracking intake(@RequestBody IntakeRequest r, HttpServletRequest request, Locale locale) {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new TooLargeException(Refusal.of("complaint.tooLong"));
        }
        return new Tracking(complaints.intake(new Intake(r.category(), r.title(), r.content(), r.location(),
                r.anonymous(), r.contactName(), r.contactPhone(), r.website()), request.getRemoteAddr(), locale));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "A complaint's public status by its tracking code (no sign-in)")
    @GetMapping("/public/complaints/{trackingCode}")
    PublicStatus track(@PathVariable String trackingCode) {
        return complaints.track(trackingCode);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Evaluate the handling of a closed complaint by its tracking code (no sign-in)")
    @PostMapping("/public/complaints/{trackingCode}/evaluation")
    PublicStatus evaluate(@PathVariable String trackingCode, @RequestBody EvaluationRequest r, Locale locale) {
        complaints.evaluate(trackingCode, r.rating(), r.comment(), locale);
        return complaints.track(trackingCode);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "A complaint with its contact (in full for dispatchers only)")
    @GetMapping("/complaints/{caseId}")
    ComplaintView view(@PathVariable String caseId, Principal user) {
        return complaints.view(caseId, user.getName());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "The three rates of an org's subtree over a period: response, resolution, satisfaction (null with no complaints)")
    @GetMapping("/complaints/rates")
    Rates rates(@RequestParam String org,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                Principal user) {
        return rates.of(org, from, to, user.getName());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "A complaint's closure report (PDF)")
    @GetMapping(value = "/cases/{id}/closure.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> closure(@PathVariable String id, Principal user) {
        return ResponseEntity.ok().header("Content-Disposition", "inline; filename=\"closure-report.pdf\"")
                .body(closures.pdf(id, user.getName()));
    }
}
