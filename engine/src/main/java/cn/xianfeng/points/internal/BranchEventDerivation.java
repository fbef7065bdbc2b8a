package cn.xianfeng.points.internal;

import cn.xianfeng.org.Org;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import org.flowable.engine.HistoryService;
import org.flowable.identitylink.api.history.HistoricIdentityLink;
import org.flowable.task.api.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a completed step of the other procedures earns (issue 20's branch and member events), read from the step's
 * engine history as the admission steps are: an admission's 材料归档 (step25, reachable only with every earlier step's
 * form complete) earns the branch MATERIALS_ARCHIVED; a transfer step a branch owes (转出支部审核, 接收支部接收)
 * earns it TRANSFER_ON_TIME by its due date, TRANSFER_LATE after; a complaint handled by its due date earns the
 * handling branch COMPLAINT_RESOLVED, the complainant's 满意 / 基本满意 earns it COMPLAINT_SATISFIED /
 * COMPLAINT_BASICALLY_SATISFIED; whoever completes a 协同办理 step earns COMPLAINT_COHANDLED. The branch is the one
 * whose role the step was offered to (its candidate groups, ROLE@org). Null when the step's history is gone.
 */
@Component
class BranchEventDerivation {

    private static final Set<String> TRANSFER_STEPS = Set.of("outgoingCheck", "receivingBranch");

    private final Orgs orgs;
    private final HistoryService history;
    private final ZoneId zone;

    BranchEventDerivation(Orgs orgs, HistoryService history, Clock clock) {
        this.orgs = orgs;
        this.history = history;
        this.zone = clock.getZone();
    }

    List<Earned> ofTask(TrailEvent e, HistoricTasks tasks) {
        if (e.caseId() == null || e.taskId() == null || e.stepId() == null) {
            return List.of();
        }
        YearMonth period = YearMonth.from(e.at().atZone(zone));
        boolean archived = "step25".equals(e.stepId());
        boolean transfer = TRANSFER_STEPS.contains(e.stepId());
        boolean complaint = "handle".equals(e.stepId()) || "coHandle".equals(e.stepId()) || "evaluate".equals(e.stepId());
        if (!archived && !transfer && !complaint) {
            return List.of();
        }
        HistoricTaskInstance task = tasks.get(e.taskId());
        if (task == null) {
            return null;
        }
        String process = task.getProcessDefinitionId() == null ? "" : task.getProcessDefinitionId();
        if (archived) {
            return !process.startsWith("admission:") ? List.of() : branches(List.of(e.taskId())).stream()
                    .map(b -> branch(e, b, "MATERIALS_ARCHIVED", period)).toList();
        }
        if (transfer && process.startsWith("relation-transfer:") && task.getDueDate() != null) {
            boolean onTime = !e.at().isAfter(task.getDueDate().toInstant());
            return branches(List.of(e.taskId())).stream()
                    .map(b -> branch(e, b, onTime ? "TRANSFER_ON_TIME" : "TRANSFER_LATE", period)).toList();
        }
        if (!process.startsWith("complaint:")) {
            return List.of();
        }
        return switch (e.stepId()) {
            case "handle" -> task.getDueDate() == null || e.at().isAfter(task.getDueDate().toInstant()) ? List.of()
                    : branches(List.of(e.taskId())).stream().map(b -> branch(e, b, "COMPLAINT_RESOLVED", period)).toList();
            case "coHandle" -> "system".equals(e.actor()) ? List.of() : List.of(new Earned(e.id(), Earned.MEMBER,
                    e.actor(), "-", "COMPLAINT_COHANDLED", null, 0, e.at(), period, e.caseId(), false));
            default -> evaluation(e, period);
        };
    }

    private List<Earned> evaluation(TrailEvent e, YearMonth period) {
        Map<String, Object> d = e.data() == null ? Map.of() : e.data();
        String kind = switch (String.valueOf(d.get("rating"))) {
            case "SATISFIED" -> "COMPLAINT_SATISFIED";
            case "BASICALLY_SATISFIED" -> "COMPLAINT_BASICALLY_SATISFIED";
            default -> null;
        };
        if (kind == null) {
            return List.of();
        }
        List<String> handled = history.createHistoricTaskInstanceQuery().processInstanceId(e.caseId())
                .taskDefinitionKey("handle").list().stream().map(HistoricTaskInstance::getId).toList();
        return branches(handled).stream().map(b -> branch(e, b, kind, period)).toList();
    }

    /** The branches (a group's branch included) whose roles the tasks were offered to. */
    private List<Org> branches(List<String> taskIds) {
        Set<String> codes = new LinkedHashSet<>();
        for (String id : taskIds) {
            for (HistoricIdentityLink link : history.getHistoricIdentityLinksForTask(id)) {
                String group = link.getGroupId();
                int at = group == null ? -1 : group.indexOf('@');
                if (at >= 0) {
                    orgs.find(group.substring(at + 1)).filter(o -> o.type() == OrgType.BRANCH || o.type() == OrgType.GROUP)
                            .map(o -> orgs.branchOf(o.code())).ifPresent(b -> codes.add(b.code()));
                }
            }
        }
        List<Org> out = new ArrayList<>();
        codes.forEach(c -> orgs.find(c).ifPresent(out::add));
        return out;
    }

    private static Earned branch(TrailEvent e, Org b, String kind, YearMonth period) {
        Instant at = e.at();
        return new Earned(e.id(), Earned.BRANCH, b.code(), "-", kind, null, 0, at, period, e.caseId(), false);
    }
}
