package cn.xianfeng.portal.api;

import cn.xianfeng.admission.Admissions;
import cn.xianfeng.complaint.ComplaintRates;
import cn.xianfeng.complaint.ComplaintTypes;
import cn.xianfeng.dues.DuesCollection;
import cn.xianfeng.dues.DuesTypes;
import cn.xianfeng.meeting.MeetingCompliance;
import cn.xianfeng.meeting.MeetingTypes;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.workflow.CaseDirectory;
import cn.xianfeng.workflow.Owed;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/** A committee's figures for its dashboard: cases, recruitment stages, overdue tasks, meetings, complaints, dues. */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.OVERSIGHT)
@RestController
@RequestMapping("/api/dashboard")
class DashboardApi {

    private final Owed owed;
    private final CaseDirectory cases;
    private final Admissions admissions;
    private final MeetingCompliance meetings;
    private final ComplaintRates complaints;
    private final Orgs orgs;
    private final Clock clock;
    private final DuesCollection dues;

    DashboardApi(Owed owed, CaseDirectory cases, Admissions admissions, MeetingCompliance meetings,
                 ComplaintRates complaints, Orgs orgs, Clock clock, DuesCollection dues) {
        this.dues = dues;
        this.owed = owed;
        this.cases = cases;
        this.admissions = admissions;
        this.meetings = meetings;
        this.complaints = complaints;
        this.orgs = orgs;
        this.clock = clock;
    }

    record MeetingSummary(long compliantBranches, long branches, long overdueCells) {
    }

    record Dashboard(String org, String orgName, Map<String, Map<String, Long>> casesByProcess, long[] admissionStages,
                     List<Owed.OrgOwes> overdueByOrg, Owed.Totals tasks, MeetingSummary meetings,
                     ComplaintTypes.Rates complaints, DuesSummary dues) {
    }

    /** 党费收缴率: this month for the org and each org directly below it, and the org's last twelve months. */
    record DuesSummary(String month, long due, long paid, Double rate, List<OrgRate> orgs,
                       List<DuesTypes.MonthRate> trend) {
    }

    record OrgRate(String code, String name, long due, long paid, Double rate) {
    }

    private DuesSummary dues(String org, String viewer) {
        YearMonth now = YearMonth.now(clock);
        DuesTypes.Rates rates = dues.rates(org, now.minusMonths(11), now, viewer);
        DuesTypes.OrgRates root = rates.orgs().stream().filter(o -> o.code().equals(org)).findFirst().orElseThrow();
        DuesTypes.MonthRate current = root.months().get(root.months().size() - 1);
        List<OrgRate> children = rates.orgs().stream().filter(o -> org.equals(o.parentCode())).map(o -> {
            DuesTypes.MonthRate m = o.months().get(o.months().size() - 1);
            return new OrgRate(o.code(), o.name(), m.due(), m.paid(), m.rate());
        }).toList();
        return new DuesSummary(now.toString(), current.due(), current.paid(), current.rate(), children, root.months());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "工作看板: a committee's figures: cases, recruitment stages, overdue tasks, meetings, complaints, dues")
    @GetMapping
    Dashboard of(@RequestParam String org, Principal user) {
        Owed.View view = owed.of(org, user.getName());
        MeetingTypes.Grid grid = meetings.grid(org, user.getName());
        long overdueCells = grid.branches().stream().flatMap(b -> b.cells().stream())
                .filter(c -> c.status() == MeetingTypes.CellStatus.OVERDUE).count();
        LocalDate today = LocalDate.now(clock);
        return new Dashboard(view.org(), view.orgName(), cases.countsWithin(orgs.get(org).path()),
                admissions.stageCounts(org, user.getName()), view.orgs(), view.totals(),
                new MeetingSummary(grid.branches().stream().filter(MeetingTypes.BranchRow::compliant).count(),
                        grid.branches().size(), overdueCells),
                complaints.of(org, today.withDayOfYear(1), today, user.getName()), dues(org, user.getName()));
    }
}
