package cn.xianfeng.workflow;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.Refusal;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.Person;
import cn.xianfeng.workflow.WorkflowTypes.CaseSummary;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import cn.xianfeng.workflow.internal.CaseRecords;
import cn.xianfeng.workflow.internal.CaseRecords.CaseRecord;
import cn.xianfeng.workflow.internal.ProcessCatalog;
import cn.xianfeng.workflow.internal.Variables;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starting a case, inside the caller's transaction: the start form validated on the server, its files the starter's
 * own, the procedure's rules (which may name the owning org), the org's authority, then the process instance, its
 * record, the CASE_STARTED event and the files bound to it.
 */
@Component
class CaseStart {

    private final RuntimeService runtime;
    private final ProcessCatalog catalog;
    private final FormRegistry forms;
    private final FormValidator validator;
    private final Orgs orgs;
    private final OrgAuthority authority;
    private final CaseRecords records;
    private final AuditTrail audit;
    private final Clock clock;
    private final cn.xianfeng.workflow.internal.RuleBook ruleBook;
    private final cn.xianfeng.evidence.Attachments attachments;
    private final cn.xianfeng.workflow.internal.CaseOutcome ended;

    CaseStart(RuntimeService runtime, ProcessCatalog catalog, FormRegistry forms, FormValidator validator, Orgs orgs,
              OrgAuthority authority, CaseRecords records, AuditTrail audit, Clock clock,
              cn.xianfeng.workflow.internal.RuleBook ruleBook, cn.xianfeng.evidence.Attachments attachments,
              cn.xianfeng.workflow.internal.CaseOutcome ended) {
        this.runtime = runtime;
        this.catalog = catalog;
        this.forms = forms;
        this.validator = validator;
        this.orgs = orgs;
        this.authority = authority;
        this.records = records;
        this.audit = audit;
        this.clock = clock;
        this.ruleBook = ruleBook;
        this.attachments = attachments;
        this.ended = ended;
    }

    /** {@code starter}: the person starting it, or null for a system actor (the procedure's rules then name the org). */
    CaseSummary start(StartCase request, FormInput input, String actor, Person starter, Locale locale) {
        if (request.process() == null || !catalog.startable(request.process())) {
            throw InvalidInputException.of("process", Refusal.of("workflow.unknownProcess", request.process()));
        }
        String subject = request.subject() == null ? "" : request.subject().strip();
        if (subject.length() > 200) {
            throw InvalidInputException.of("subject", Refusal.of("workflow.titleMax200"));
        }
        FormDefinition startForm = forms.get(catalog.startFormKey(request.process()));
        Map<String, Object> read = input.read(startForm);
        Map<String, Object> submitted = read == null ? new HashMap<>() : new HashMap<>(read);
        Object requestedOrg = submitted.remove("orgCode");
        String orgCode = starter == null ? null : requestedOrg != null ? requestedOrg.toString() : starter.orgCode();
        ValidatedForm form = validator.validate(startForm, submitted, locale, actor);
        if (!form.valid()) {
            throw new InvalidInputException(form.errors().stream()
                    .map(e -> new InvalidInputException.Violation("data." + e.field(), e.message())).toList());
        }
        Map<String, List<String>> files = cn.xianfeng.workflow.internal.FormFiles.of(startForm, form.values());
        files.forEach((field, ids) -> {
            if (!attachments.notBindable(null, ids, actor).isEmpty()) {
                throw InvalidInputException.of("data." + field, Refusal.of("workflow.attachmentNotYours"));
            }
        });
        StepRules rules = ruleBook.of(request.process());
        Map<String, Object> extra = rules.beforeStart(form.values(), actor);
        if (extra.get("orgCode") instanceof String ruled) {
            orgCode = ruled; // the procedure's rules decided which org owns the case and who may start it
        }
        if (orgCode == null || orgs.find(orgCode).isEmpty()) {
            throw InvalidInputException.of("data.orgCode", Refusal.of("workflow.orgRequired"));
        }
        if (starter != null && !orgCode.equals(starter.orgCode()) && !extra.containsKey("orgCode")) {
            authority.requireManage(actor, orgCode);
        }
        if (subject.isEmpty()) {
            // the procedure's rules name what tells its cases apart (a report's title, a meeting's type and date, …)
            subject = catalog.name(request.process()) + " · "
                    + (extra.get("subjectName") instanceof String name ? name : starter == null ? actor : starter.name());
            subject = subject.length() > 200 ? subject.substring(0, 199) + "…" : subject;
        }
        Map<String, Object> variables = new HashMap<>(Variables.forEngine(form.values()));
        variables.putAll(Variables.forEngine(extra));
        variables.remove("subjectName");
        variables.remove("subjectPerson");
        variables.put("orgCode", orgCode);
        variables.put("subject", subject);
        ProcessInstance instance;
        Authentication.setAuthenticatedUserId(actor);
        try {
            instance = runtime.createProcessInstanceBuilder().processDefinitionKey(request.process()).name(subject)
                    .variables(variables).start();
        } finally {
            Authentication.setAuthenticatedUserId(null);
        }
        records.insert(new CaseRecord(instance.getId(), request.process(), subject, orgCode, orgs.get(orgCode).path(),
                actor, CaseStatus.ACTIVE, clock.instant(), null,
                extra.get("subjectPerson") instanceof String person ? person : actor));
        audit.record(new AuditEntry(actor, orgCode, AuditAction.CASE_STARTED, instance.getId(), null, null,
                Variables.forJson(form.values()), null, null));
        String owner = orgCode;
        files.forEach((field, ids) -> attachments.bind(instance.getId(), null, ids, actor, owner, "data." + field));
        rules.started(instance.getId(), variables, actor);
        if (instance.isEnded()) {
            ended.recordIfEnded(instance.getId()); // a procedure that is only a recorded submission (思想汇报)
        }
        return new CaseSummary(instance.getId(), request.process(), subject,
                instance.isEnded() ? CaseStatus.COMPLETED : CaseStatus.ACTIVE);
    }
}
