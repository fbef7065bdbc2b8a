package cn.xianfeng.admission.internal;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.Refusal;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Person;
import cn.xianfeng.workflow.StepRules;
import cn.xianfeng.workflow.FollowUps;
import org.flowable.engine.RuntimeService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 思想汇报 (processes/thought-report.bpmn20.xml): only an applicant, activist or candidate with an open recruitment case
 * submits one; it is filed in the org of that case, so its secretary and the officers and auditors above read it as
 * any case of the branch, and it is copied (抄送) to the contacts appointed at step05, who then read it too and nobody
 * else. Each report is recorded (V82) with its quarter and as THOUGHT_REPORT_SUBMITTED in the audit trail, which says
 * whether it was the first of its quarter: only that one earns points.
 */
@Component
class ThoughtReportRules implements StepRules {

    static final String PROCESS = "thought-report";
    private static final Set<MemberStatus> SUBMITTERS = EnumSet.of(MemberStatus.APPLICANT, MemberStatus.ACTIVIST,
            MemberStatus.CANDIDATE);

    private final People people;
    private final AdmissionCases cases;
    private final ThoughtReports reports;
    private final AuditTrail audit;
    private final RuntimeService runtime;
    // the copy goes through the workflow's own 抄送, whose beans need every procedure's rules (this one included)
    private final ObjectProvider<FollowUps> followUps;
    private final Clock clock;

    ThoughtReportRules(People people, AdmissionCases cases, ThoughtReports reports, AuditTrail audit,
                       RuntimeService runtime, ObjectProvider<FollowUps> followUps, Clock clock) {
        this.people = people;
        this.cases = cases;
        this.reports = reports;
        this.audit = audit;
        this.runtime = runtime;
        this.followUps = followUps;
        this.clock = clock;
    }

    @Override
    public String process() {
        return PROCESS;
    }

    @Override
    public Map<String, Object> beforeStart(Map<String, Object> values, String actor) {
        Person person = people.find(actor).orElse(null);
        AdmissionCases.Row admission = cases.latestOf(actor).filter(AdmissionCases.Row::open).orElse(null);
        if (person == null || !SUBMITTERS.contains(person.status()) || admission == null) {
            throw new ForbiddenException(Refusal.of("admission.thoughtReportApplicantsOnly"));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("orgCode", admission.orgCode());
        extra.put("admissionCaseId", admission.caseId());
        extra.put("subjectName", values.get("title") + "（" + person.name() + "）");
        return extra;
    }

    @Override
    public void started(String caseId, Map<String, Object> variables, String actor) {
        String admissionCaseId = String.valueOf(variables.get("admissionCaseId"));
        Instant now = clock.instant();
        String quarter = ThoughtReports.quarter(now, clock.getZone());
        boolean first = reports.insert(caseId, actor, admissionCaseId, quarter, String.valueOf(variables.get("title")), now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("admissionCaseId", admissionCaseId);
        data.put("quarter", quarter);
        data.put("firstOfQuarter", first);
        audit.record(new AuditEntry(actor, String.valueOf(variables.get("orgCode")), AuditAction.THOUGHT_REPORT_SUBMITTED,
                caseId, null, null, data, null, null));
        for (String contact : contacts(admissionCaseId)) {
            if (!contact.equals(actor)) {
                followUps.getObject().copy(caseId, contact, "培养联系人阅看思想汇报", actor);
            }
        }
    }

    /** The contacts appointed at step05 of the recruitment case (none before it). */
    private List<String> contacts(String admissionCaseId) {
        Object value = runtime.createProcessInstanceQuery().processInstanceId(admissionCaseId).count() == 0 ? null
                : runtime.getVariable(admissionCaseId, "contacts");
        List<String> out = new ArrayList<>();
        if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                String name = item instanceof com.fasterxml.jackson.databind.JsonNode node ? node.asText() : String.valueOf(item);
                if (!name.isBlank() && people.find(name).isPresent() && !out.contains(name)) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
