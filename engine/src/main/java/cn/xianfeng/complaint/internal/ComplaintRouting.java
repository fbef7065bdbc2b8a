package cn.xianfeng.complaint.internal;

import cn.xianfeng.org.CandidateGroups;
import cn.xianfeng.org.Org;
import cn.xianfeng.org.Orgs;
import com.fasterxml.jackson.databind.JsonNode;
import org.flowable.dmn.api.DmnDecisionService;
import org.flowable.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * The routing step of the model ({@code ${complaintRouting.route(execution)}}): evaluates
 * processes/complaint-routing.dmn for the category and sets the proposal (routeOrgType, timeLimitDays) and the
 * dispatch deadline. Also names candidate groups for org codes the dispatcher chose.
 */
@Component("complaintRouting")
public class ComplaintRouting {

    static final String DECISION = "complaintRouting";
    /** Used when the table has no rule for a category: the longest limit it knows. */
    static final int DEFAULT_DAYS = 15;

    private final DmnDecisionService decisions;
    private final WorkingDays workingDays;
    private final CandidateGroups groups;
    private final Orgs orgs;

    ComplaintRouting(DmnDecisionService decisions, WorkingDays workingDays, CandidateGroups groups, Orgs orgs) {
        this.decisions = decisions;
        this.workingDays = workingDays;
        this.groups = groups;
        this.orgs = orgs;
    }

    public void route(DelegateExecution execution) {
        Map<String, Object> proposal = propose((String) execution.getVariable("category"));
        execution.setVariable("routeOrgType", proposal.get("routeOrgType"));
        execution.setVariable("timeLimitDays", proposal.get("timeLimitDays"));
        execution.setVariable("dispatchDue", workingDays.dueIn(1));
    }

    Map<String, Object> propose(String category) {
        Map<String, Object> result = decisions.createExecuteDecisionBuilder().decisionKey(DECISION)
                .variable("category", category).executeWithSingleResult();
        Object type = result == null ? null : result.get("routeOrgType");
        Object days = result == null ? null : result.get("timeLimitDays");
        return Map.of("routeOrgType", type == null ? "COMMITTEE" : type.toString(),
                "timeLimitDays", days instanceof Number n ? n.longValue() : (long) DEFAULT_DAYS);
    }

    /** The secretaries of an org (a co-handling org arrives as a JSON text node from the list variable). */
    public String secretaries(Object org) {
        return groups.branch("SECRETARY", code(org));
    }

    /** A role in the higher committee of an org; at the top of the tree, the org itself. */
    public String higherCommittee(String role, Object org) {
        return role + "@" + higherCommitteeOf(code(org));
    }

    String higherCommitteeOf(String orgCode) {
        return orgs.committeeAbove(orgCode).map(Org::code).orElse(orgCode);
    }

    static String code(Object org) {
        return org instanceof JsonNode node ? node.asText() : String.valueOf(org);
    }
}
