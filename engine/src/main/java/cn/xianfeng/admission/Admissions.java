package cn.xianfeng.admission;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.admission.internal.AdmissionCases;
import cn.xianfeng.admission.internal.AdmissionCases.Row;
import cn.xianfeng.admission.internal.ThoughtReports;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.ProcessNames;
import cn.xianfeng.workflow.WorkflowTypes.CaseView;
import cn.xianfeng.workflow.WorkflowTypes.CurrentStep;
import cn.xianfeng.workflow.WorkflowTypes.HistoryEntry;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where recruitment cases stand: the applicant's own progress, and the branch's list of its applicants. */
@Service
public class Admissions {

    private final AdmissionCases cases;
    private final Cases workflow;
    private final People people;
    private final Orgs orgs;
    private final OrgAuthority authority;
    private final ThoughtReports reports;

    Admissions(AdmissionCases cases, Cases workflow, People people, Orgs orgs, OrgAuthority authority,
               ThoughtReports reports) {
        this.reports = reports;
        this.cases = cases;
        this.workflow = workflow;
        this.people = people;
        this.orgs = orgs;
        this.authority = authority;
    }

    public record Done(String stepId, String name, Instant at, String actor) {

        public Done in(java.util.Locale locale) {
            return new Done(stepId, ProcessNames.in(name, locale), at, actor);
        }
    }

    /**
     * {@code thoughtReports}: the applicant's 思想汇报 of this recruitment, newest first (at most 200);
     * {@code reportsByQuarter}: how many per quarter (yyyy-Qn), newest quarter first.
     */
    public record Progress(String caseId, CaseView view, List<Done> done, List<CurrentStep> next,
                           Map<String, LocalDate> dates, List<ThoughtReport> thoughtReports,
                           List<QuarterCount> reportsByQuarter) {

        /** Process, stage and step names in the reader's language. */
        public Progress in(java.util.Locale locale) {
            return new Progress(caseId, view.in(locale), done.stream().map(d -> d.in(locale)).toList(),
                    next.stream().map(n -> n.in(locale)).toList(), dates, thoughtReports, reportsByQuarter);
        }
    }

    /** One submitted 思想汇报: its case, title, the quarter it counts for and when it was submitted. */
    public record ThoughtReport(String caseId, String title, String quarter, Instant submittedAt) {
    }

    public record QuarterCount(String quarter, int count) {
    }

    /** The thought reports of a recruitment case's applicant, per quarter: for whoever may see that case. */
    public List<QuarterCount> reportsByQuarter(String caseId, String viewer) {
        workflow.view(caseId, viewer); // 404 for whoever may not see the recruitment case
        return reports.counts(caseId);
    }

    public record BranchRow(String caseId, String applicant, String name, Integer stage, String stageName,
                            Integer step, String stepName, Instant waitingSince, Instant due, boolean overdue) {

        public BranchRow in(java.util.Locale locale) {
            return new BranchRow(caseId, applicant, name, stage, ProcessNames.in(stageName, locale), step,
                    ProcessNames.in(stepName, locale), waitingSince, due, overdue);
        }
    }

    /** The viewer's own (latest) recruitment case. */
    public Progress mine(String viewer) {
        Row row = cases.latestOf(viewer).orElseThrow(() -> new NotFoundException(Refusal.of("admission.noCase")));
        return progress(row, viewer);
    }

    public Progress of(String caseId, String viewer) {
        Row row = cases.find(caseId).orElseThrow(() -> new NotFoundException(Refusal.of("workflow.caseNotFound", caseId)));
        return progress(row, viewer);
    }

    private Progress progress(Row row, String viewer) {
        CaseView view = workflow.view(row.caseId(), viewer);
        List<HistoryEntry> history = workflow.history(row.caseId(), viewer);
        List<Done> done = history.stream()
                .filter(h -> "TASK_COMPLETED".equals(h.action()) && h.stepId() != null && h.stepId().matches("step\\d\\d"))
                .map(h -> new Done(h.stepId(), workflow.stepName("admission", h.stepId()), h.at(), h.actor())).toList();
        Map<String, LocalDate> dates = new LinkedHashMap<>();
        put(dates, "applicationDate", row.applicationDate());
        put(dates, "activistDate", row.activistDate());
        put(dates, "earliestCandidateDate", row.earliestCandidateDate());
        put(dates, "candidateDate", row.candidateDate());
        put(dates, "voteDate", row.voteDate());
        put(dates, "probationStart", row.voteDate() != null && row.probationEnd() != null ? row.voteDate() : null);
        put(dates, "probationEnd", row.probationEnd());
        put(dates, "fullDate", row.fullDate());
        return new Progress(row.caseId(), view, done, view.current(), dates, reports.of(row.caseId()),
                reports.counts(row.caseId()));
    }

    /**
     * Open recruitment cases of an org subtree by stage, from the applicant's status (a candidate admitted by the
     * branch meeting is in stage 4 until approved), for dashboards: five counts, stage 1 first.
     */
    public long[] stageCounts(String orgCode, String viewer) {
        if (!authority.mayRead(viewer, orgCode)) {
            throw new NotFoundException(Refusal.of("common.orgNotFound", orgCode));
        }
        long[] stages = new long[5];
        for (Row r : cases.openWithin(Orgs.likePrefix(orgs.get(orgCode).path()))) {
            var status = people.find(r.applicant()).map(Person::status).orElse(null);
            int stage = status == null ? 1 : switch (status) {
                case ACTIVIST -> 2;
                case CANDIDATE -> r.voteDate() == null ? 3 : 4;
                case PROBATIONARY, FULL -> 5;
                default -> 1;
            };
            stages[stage - 1]++;
        }
        return stages;
    }

    /** Open recruitment cases of an org's subtree, for its secretary, committee and reviewers; sortable. */
    public List<BranchRow> within(String orgCode, String viewer, String sort) {
        if (!authority.mayRead(viewer, orgCode)) {
            throw new NotFoundException(Refusal.of("common.orgNotFound", orgCode));
        }
        List<BranchRow> rows = cases.openWithin(Orgs.likePrefix(orgs.get(orgCode).path())).stream().map(r -> {
            CaseView v = workflow.view(r.caseId(), viewer);
            CurrentStep first = v.current().stream().filter(s -> s.stepId().matches("step\\d\\d")).findFirst().orElse(null);
            String name = people.find(r.applicant()).map(Person::name).orElse(r.applicant());
            return new BranchRow(r.caseId(), r.applicant(), name, v.stage() == null ? null : v.stage().number(),
                    v.stage() == null ? null : v.stage().name(), v.step() == null ? null : v.step().number(),
                    v.step() == null ? null : v.step().name(), first == null ? null : first.since(),
                    first == null ? null : first.due(), first != null && first.overdue());
        }).toList();
        Comparator<BranchRow> order = switch (sort == null ? "" : sort) {
            case "step" -> Comparator.comparing(BranchRow::step, Comparator.nullsLast(Comparator.naturalOrder()));
            case "due" -> Comparator.comparing(BranchRow::due, Comparator.nullsLast(Comparator.naturalOrder()));
            case "name" -> Comparator.comparing(BranchRow::name);
            default -> Comparator.comparing(BranchRow::waitingSince, Comparator.nullsLast(Comparator.naturalOrder()));
        };
        return rows.stream().sorted(order).toList();
    }

    private static void put(Map<String, LocalDate> dates, String key, LocalDate value) {
        if (value != null) {
            dates.put(key, value);
        }
    }
}
