package cn.xianfeng.portal.api;

import cn.xianfeng.admission.Admissions;
import cn.xianfeng.workflow.WorkflowTypes.CurrentStep;
import cn.xianfeng.workflow.WorkflowTypes.Stage;
import cn.xianfeng.workflow.WorkflowTypes.StepPosition;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The applicant's view of their recruitment, and a branch's list of its applicants. */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.ADMISSION)
@RestController
@RequestMapping("/api")
class AdmissionApi {

    private final Admissions admissions;

    AdmissionApi(Admissions admissions) {
        this.admissions = admissions;
    }

    record DoneView(String stepId, String name, Instant at, String actor) {
    }

    record NextView(String stepId, String name, String taskId, String owner, List<String> candidates, Instant due,
                    boolean overdue, String escalatedTo) {
    }

    /** {@code thoughtReports}: 思想汇报 of this recruitment, newest first; {@code reportsByQuarter}: counts (yyyy-Qn). */
    record ProgressView(String caseId, String status, Stage stage, StepPosition step, List<DoneView> done,
                        List<NextView> next, Map<String, LocalDate> dates, List<Admissions.ThoughtReport> thoughtReports,
                        List<Admissions.QuarterCount> reportsByQuarter) {
        static ProgressView of(Admissions.Progress p) {
            return new ProgressView(p.caseId(), p.view().status().name(), p.view().stage(), p.view().step(),
                    p.done().stream().map(d -> new DoneView(d.stepId(), d.name(), d.at(), d.actor())).toList(),
                    p.next().stream().map(AdmissionApi::next).toList(), p.dates(), p.thoughtReports(), p.reportsByQuarter());
        }
    }

    private static NextView next(CurrentStep s) {
        String owner = s.assignee() != null ? s.assignee() : String.join(",", s.candidates());
        return new NextView(s.stepId(), s.name(), s.taskId(), owner, s.candidates(), s.due(), s.overdue(), s.escalatedTo());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "我的入党进度: my recruitment case, its stage and step of 25, what is done and what comes next")
    @GetMapping("/me/admission")
    ProgressView mine(Principal user, java.util.Locale locale) {
        return ProgressView.of(admissions.mine(user.getName()).in(locale));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "One applicant's recruitment progress (those who may see the case)")
    @GetMapping("/admissions/{caseId}")
    ProgressView one(@PathVariable String caseId, Principal user, java.util.Locale locale) {
        return ProgressView.of(admissions.of(caseId, user.getName()).in(locale));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "发展党员: the recruitment cases of an org's subtree with their stage and step")
    @GetMapping("/admissions")
    List<Admissions.BranchRow> within(@RequestParam String org, @RequestParam(required = false) String sort,
                                      Principal user, java.util.Locale locale) {
        return admissions.within(org, user.getName(), sort).stream().map(r -> r.in(locale)).toList();
    }
}
