package cn.xianfeng.complaint;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.complaint.internal.ClosureLabels;
import cn.xianfeng.complaint.internal.ComplaintRows;
import cn.xianfeng.complaint.internal.ComplaintRows.Row;
import cn.xianfeng.complaint.internal.Masking;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.workflow.CaseStatus;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.WorkflowTypes.CaseView;
import cn.xianfeng.workflow.WorkflowTypes.HistoryEntry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The closure report (办结报告) of a complaint that has ended: the complaint, every handling step with who did it
 * and what they recorded, the reply and the evaluation. Issued once through the evidence module (serial number,
 * verification code); later requests return the issued document. The complainant's contact appears masked.
 */
@Service
public class ClosureReports {

    public static final String KIND = "CLOSURE_REPORT";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<String, String> RATINGS = Map.of("SATISFIED", "满意", "BASICALLY_SATISFIED", "基本满意",
            "DISSATISFIED", "不满意");

    private final Cases cases;
    private final ComplaintRows rows;
    private final Documents documents;
    private final Orgs orgs;
    private final People people;
    private final java.time.Clock clock;

    ClosureReports(Cases cases, ComplaintRows rows, Documents documents, Orgs orgs, People people,
                   java.time.Clock clock) {
        this.cases = cases;
        this.rows = rows;
        this.documents = documents;
        this.orgs = orgs;
        this.people = people;
        this.clock = clock;
    }

    @Transactional
    public byte[] pdf(String caseId, String viewer) {
        CaseView view = cases.read(caseId, viewer, cn.xianfeng.audit.ReadKind.DOCUMENT_DOWNLOADED);
        Row r = rows.find(caseId).orElseThrow(() -> new cn.xianfeng.common.NotFoundException(Refusal.of("complaint.notAComplaint", caseId)));
        if (view.status() == CaseStatus.ACTIVE) {
            throw new ConflictException(Refusal.of("complaint.notClosed"));
        }
        var issued = documents.latest(caseId, KIND);
        if (issued.isPresent()) {
            return documents.content(issued.get().code());
        }
        List<HistoryEntry> history = cases.history(caseId, viewer);
        String contact = rows.contact(caseId).map(c -> Masking.summary(c.anonymous(), c.name(), c.phone())).orElse("—");
        String issuerOrg = r.dispatchOrg();
        String issuer = orgs.get(issuerOrg).name();
        return documents.issue(new Documents.NewDocument(KIND, caseId, "接诉即办办结报告 · " + r.title(), issuer,
                issuerOrg, KIND), ctx -> {
            var pdf = ctx.pdf();
            pdf.title("接诉即办办结报告");
            if (ctx.serial() != null) {
                pdf.centered(ctx.serial());
            }
            pdf.heading("一、诉求");
            List<String[]> facts = new ArrayList<>();
            facts.add(new String[]{"受理编号", r.trackingHint() == null ? "—" : r.trackingHint()});
            facts.add(new String[]{"标题", r.title()});
            facts.add(new String[]{"类别", ClosureLabels.choice(cases.formOf("complaint", null), "category", r.category())});
            facts.add(new String[]{"诉求人", contact});
            facts.add(new String[]{"受理时间", at(r.receivedAt())});
            facts.add(new String[]{"责任组织", r.handlerOrg() == null ? "—" : orgs.get(r.handlerOrg()).name()});
            facts.add(new String[]{"协同组织", r.coOrgs().isEmpty() ? "—" : String.join("、",
                    r.coOrgs().stream().map(c -> orgs.find(c).map(o -> o.name()).orElse(c)).toList())});
            facts.add(new String[]{"办理时限", r.timeLimitDays() + " 个工作日"});
            pdf.facts(facts);
            history.stream().filter(h -> "CASE_STARTED".equals(h.action())).findFirst()
                    .map(h -> h.data() == null ? null : h.data().get("content"))
                    .ifPresent(c -> pdf.paragraph("诉求内容：" + c));
            pdf.heading("二、办理过程");
            List<String[]> steps = new ArrayList<>();
            for (HistoryEntry h : history) {
                if ("TASK_COMPLETED".equals(h.action()) || "ESCALATED".equals(h.action())) {
                    steps.add(new String[]{at(h.at()), h.stepId() == null ? "" : cases.stepName("complaint", h.stepId()),
                            actor(h.actor()), "ESCALATED".equals(h.action()) ? "超时上报上级党委督办"
                            : ClosureLabels.summary(h.stepId() == null ? null : cases.formOf("complaint", h.stepId()), h.data(),
                            code -> orgs.find(code).map(o -> o.name()).orElse("—"))});
                }
            }
            pdf.table(new String[]{"时间", "环节", "办理人", "办理情况"}, steps, new float[]{2.2f, 2.2f, 1.6f, 5f});
            pdf.heading("三、答复");
            pdf.paragraph(r.reply() == null ? "—" : r.reply());
            pdf.heading("四、评价");
            pdf.paragraph(r.rating() == null ? "诉求人未在期限内评价" : RATINGS.get(r.rating())
                    + (r.dissatisfiedCount() > 0 ? "（曾不满意 " + r.dissatisfiedCount() + " 次）" : "")
                    + (r.escalated() ? "，已提请上级党委督办" : ""));
            pdf.small("办结时间：" + at(r.closedAt() != null ? r.closedAt() : view.endedAt()));
            pdf.qr(ctx.verifyUrl(), 80);
        }, viewer).pdf();
    }

    private String actor(String username) {
        if (Complaints.PUBLIC_ACTOR.equals(username)) {
            return "诉求人";
        }
        return people.find(username).map(p -> p.name()).orElse(username);
    }

    private String at(Instant instant) {
        return instant == null ? "—" : TIME.format(instant.atZone(clock.getZone()));
    }
}
