package cn.xianfeng.portal.api;

import cn.xianfeng.evidence.Documents;
import cn.xianfeng.points.AppraisalTypes.Appraisal;
import cn.xianfeng.points.AppraisalTypes.Assessment;
import cn.xianfeng.points.AppraisalTypes.Drill;
import cn.xianfeng.points.AppraisalTypes.GradeInput;
import cn.xianfeng.points.AppraisalTypes.Trend;
import cn.xianfeng.points.Appraisals;
import cn.xianfeng.points.Assessments;
import cn.xianfeng.points.PointsTrends;
import io.swagger.v3.oas.annotations.Operation;
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
import java.util.List;

/**
 * The 先锋指数's parts and the yearly appraisal (API.md "Points"): the committee's assessment of a branch, the
 * 民主评议 grades, the signed appraisal PDF, the index by month and the ledger entries behind a number.
 */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.POINTS)
@RequestMapping("/api/points/orgs/{code}")
class PointsIndexApi {

    private final Assessments assessments;
    private final Appraisals appraisals;
    private final PointsTrends trends;
    private final Documents documents;

    PointsIndexApi(Assessments assessments, Appraisals appraisals, PointsTrends trends, Documents documents) {
        this.assessments = assessments;
        this.appraisals = appraisals;
        this.trends = trends;
        this.documents = documents;
    }

    record AssessmentRequest(Integer year, Integer score, String comment) {
    }

    record GradesRequest(Integer year, List<GradeInput> grades) {
    }

    record IssuedAppraisal(String code, String verifyUrl) {
    }

    @Operation(summary = "The committee's yearly assessment of a branch (score 0–100, comment): by an administrator, "
            + "organization department or secretary of an org strictly above it who is not a member of it; the latest "
            + "of a year counts in the branch's 先锋指数")
    @PostMapping("/assessment")
    @ResponseStatus(HttpStatus.CREATED)
    Assessment assess(@PathVariable String code, @RequestBody AssessmentRequest body, Principal user) {
        return assessments.assess(code, body.year(), body.score(), body.comment(), user.getName());
    }

    @Operation(summary = "A branch's yearly appraisal (年度评议): each party member's points, their score against the "
            + "branch's best (0–100), the 民主评议 grade and the result (points 60 %, grade 40 %); officers and auditors")
    @GetMapping("/appraisal")
    Appraisal appraisal(@PathVariable String code, @RequestParam(required = false) Integer year, Principal user) {
        return appraisals.appraisal(code, year, user.getName());
    }

    @Operation(summary = "Records 民主评议 grades (EXCELLENT, QUALIFIED, BASIC, UNQUALIFIED) of the branch's party "
            + "members after its 民主评议党员 meeting of the year is archived (409 before); the branch's officers or "
            + "those above, never for themselves")
    @PostMapping("/appraisal/grades")
    Appraisal grades(@PathVariable String code, @RequestBody GradesRequest body, Principal user) {
        return appraisals.record(code, body.year(), body.grades(), user.getName());
    }

    @Operation(summary = "Issues the branch's yearly appraisal as a signed PDF (verifiable at /api/public/verify); "
            + "409 until a grade is recorded")
    @PostMapping("/appraisal/document")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedAppraisal issue(@PathVariable String code, @RequestParam(required = false) Integer year, Principal user) {
        String issued = appraisals.issue(code, year, user.getName());
        return new IssuedAppraisal(issued, documents.verifyUrl(issued));
    }

    @Operation(summary = "The latest yearly appraisal PDF issued for the branch's year (404 when none)")
    @GetMapping(value = "/appraisal.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> appraisalPdf(@PathVariable String code, @RequestParam(required = false) Integer year,
                                        Principal user) {
        byte[] pdf = appraisals.pdf(code, year, user.getName());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"appraisal.pdf\"").body(pdf);
    }

    @Operation(summary = "先锋指数 by month: per branch (the best ten of a committee), each month's members' average of "
            + "the month's points plus the branch's own points")
    @GetMapping("/trend")
    Trend trend(@PathVariable String code, @RequestParam(required = false) Integer year, Principal user) {
        return trends.trend(code, year, user.getName());
    }

    @Operation(summary = "The ledger entries behind a branch's number for a year or a month (month=yyyy-MM), newest "
            + "first, at most 500 (truncated says so), each with its rule, points, event and case")
    @GetMapping("/entries")
    Drill entries(@PathVariable String code, @RequestParam(required = false) Integer year,
                  @RequestParam(required = false) String month, Principal user) {
        return trends.entries(code, year, month, user.getName());
    }
}
