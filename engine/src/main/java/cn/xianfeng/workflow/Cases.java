package cn.xianfeng.workflow;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.org.People;
import cn.xianfeng.workflow.WorkflowTypes.CaseSummary;
import cn.xianfeng.workflow.WorkflowTypes.CaseView;
import cn.xianfeng.workflow.WorkflowTypes.HistoryEntry;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import cn.xianfeng.workflow.internal.CaseAccess;
import cn.xianfeng.workflow.internal.CaseRecords;
import cn.xianfeng.workflow.internal.CaseRecords.CaseRecord;
import cn.xianfeng.workflow.internal.ProcessCatalog;
import cn.xianfeng.workflow.internal.TaskItems;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Cases: one process instance each. Starting one, looking at it, and reading its history. */
@Service
public class Cases {

    private final CaseStart starts;
    private final ProcessCatalog catalog;
    private final FormRegistry forms;
    private final People people;
    private final CaseRecords records;
    private final CaseAccess access;
    private final TaskItems taskItems;
    private final AuditTrail audit;
    private final cn.xianfeng.workflow.internal.ActivityTrace activityTrace;
    private final org.flowable.engine.RepositoryService repository;
    private final cn.xianfeng.evidence.Attachments attachments;
    private final CaseReads reads;
    private final cn.xianfeng.workflow.internal.StepHistory steps;
    private final cn.xianfeng.workflow.internal.TaskAccess taskAccess;
    private final cn.xianfeng.workflow.internal.DecisionOutcomes outcomes;

    Cases(CaseStart starts, ProcessCatalog catalog, FormRegistry forms, People people, CaseRecords records,
          CaseAccess access, TaskItems taskItems, AuditTrail audit,
          cn.xianfeng.workflow.internal.ActivityTrace activityTrace, org.flowable.engine.RepositoryService repository,
          cn.xianfeng.evidence.Attachments attachments, CaseReads reads, cn.xianfeng.workflow.internal.StepHistory steps,
          cn.xianfeng.workflow.internal.TaskAccess taskAccess, cn.xianfeng.workflow.internal.DecisionOutcomes outcomes) {
        this.starts = starts;
        this.taskAccess = taskAccess;
        this.reads = reads;
        this.steps = steps;
        this.outcomes = outcomes;
        this.activityTrace = activityTrace;
        this.repository = repository;
        this.attachments = attachments;
        this.catalog = catalog;
        this.forms = forms;
        this.people = people;
        this.records = records;
        this.access = access;
        this.taskItems = taskItems;
        this.audit = audit;
    }

    @Transactional
    public CaseSummary start(StartCase request, String actor, Locale locale) {
        return starts.start(request, FormInput.of(request.data()), actor, people.get(actor), locale);
    }

    /**
     * Starts a case from a form read inside this transaction (a page's uploads are stored there): a refused form
     * stores nothing, and the engine, not the page, owns the transaction.
     */
    @Transactional
    public CaseSummary start(String process, String subject, FormInput input, String actor, Locale locale) {
        return starts.start(new StartCase(process, subject, null), input, actor, people.get(actor), locale);
    }

    /**
     * Starts a case on behalf of no person (the public intake of complaints) under a system actor that is not a
     * valid username. The procedure's rules must name the org that owns the case and decide who may start it.
     */
    @Transactional
    public CaseSummary startAsSystem(StartCase request, String systemActor, Locale locale) {
        if (people.find(systemActor).isPresent()) {
            throw new IllegalArgumentException("not a system actor: " + systemActor);
        }
        return starts.start(request, FormInput.of(request.data()), systemActor, null, locale);
    }

    /** The start form of a procedure that can be started; 404 for any other. */
    public String startFormKey(String process) {
        if (process == null || !catalog.startable(process)) {
            throw new cn.xianfeng.common.NotFoundException(Refusal.of("workflow.unknownProcess", process));
        }
        return catalog.startFormKey(process);
    }

    /** The form a step of a procedure uses (null step: its start form), to label recorded values; null if none. */
    public FormDefinition formOf(String process, String stepId) {
        String key = catalog.formKey(process, stepId);
        if (key == null || !forms.has(key)) {
            return null;
        }
        return stepId == null ? forms.get(key) : outcomes.labelled(forms.get(key), catalog.latestId(process), stepId);
    }

    /** The name a step has in the latest model of a procedure (its id if unknown). */
    public String stepName(String process, String stepId) {
        return catalog.stepName(process, stepId);
    }

    public CaseView view(String caseId, String viewer) {
        return read(caseId, viewer, cn.xianfeng.audit.ReadKind.CASE_VIEWED);
    }

    /**
     * The case for a viewer who may see it (404 otherwise), read as {@code kind}: procedures that hand out a
     * document or a file of the case say so, and an auditor's read is logged as such (see {@link CaseReads}).
     */
    public CaseView read(String caseId, String viewer, cn.xianfeng.audit.ReadKind kind) {
        return view(reads.open(caseId, viewer, kind));
    }

    /**
     * The case as {@link #view} has it but without its current steps ({@code current} empty, {@code stage} and
     * {@code step} null), so without a query of the engine: for what prints the case's record, not where it stands
     * (the dossier).
     */
    public CaseView viewWithoutSteps(String caseId, String viewer) {
        CaseRecord r = reads.open(caseId, viewer, cn.xianfeng.audit.ReadKind.CASE_VIEWED);
        return new CaseView(r.id(), r.processKey(), catalog.name(r.processKey()), r.status(), r.subject(), r.orgCode(),
                r.starter(), r.startedAt(), r.endedAt(), List.of(), null, null);
    }

    /**
     * {@link #viewWithoutSteps}, and whether the viewer holds one of {@code roles} in the case's org or above or is a
     * superuser: in one statement with the cache generations, so that in a transaction the procedure's name comes from
     * the catalog's cache (the dossier's first statement).
     */
    public WorkflowTypes.StandingView viewWithoutSteps(String caseId, String viewer, cn.xianfeng.org.Role... roles) {
        var standing = reads.open(caseId, viewer, cn.xianfeng.audit.ReadKind.CASE_VIEWED, roles);
        CaseRecord r = standing.record();
        return new WorkflowTypes.StandingView(new CaseView(r.id(), r.processKey(), catalog.name(r.processKey()),
                r.status(), r.subject(), r.orgCode(), r.starter(), r.startedAt(), r.endedAt(), List.of(), null, null),
                standing.holds(), standing.superuser());
    }

    /** A case as the system's own jobs see it (retention), without a viewer; never reachable from a request. */
    public CaseView viewAsSystem(String caseId) {
        return view(records.find(caseId).orElseThrow(() -> new cn.xianfeng.common.NotFoundException(Refusal.of("workflow.caseNotFound", caseId))));
    }

    private CaseView view(CaseRecord r) {
        String caseId = r.id();
        List<WorkflowTypes.CurrentStep> current = taskItems.currentSteps(caseId);
        WorkflowTypes.Stage stage = null;
        WorkflowTypes.StepPosition step = null;
        var numbered = current.stream().filter(s -> s.stepId().matches("step\\d\\d")).findFirst();
        if (numbered.isPresent()) {
            var s = numbered.get();
            step = new WorkflowTypes.StepPosition(s.stepId(), Integer.parseInt(s.stepId().substring(4)), s.name());
            stage = catalog.laneOf(r.processKey(), s.stepId())
                    .map(l -> new WorkflowTypes.Stage(Integer.parseInt(l.getId().substring(5)), l.getName())).orElse(null);
        }
        return new CaseView(r.id(), r.processKey(), catalog.name(r.processKey()), r.status(), r.subject(), r.orgCode(),
                r.starter(), r.startedAt(), r.endedAt(), current, stage, step);
    }

    /** The deployed model and which of its elements are done and which are current, for bpmn-js markers. */
    public WorkflowTypes.Diagram diagram(String caseId, String viewer) {
        reads.open(caseId, viewer, cn.xianfeng.audit.ReadKind.CASE_VIEWED);
        var trace = activityTrace.of(caseId);
        String xml;
        try (var in = repository.getProcessModel(trace.definitionId())) {
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new WorkflowTypes.Diagram(xml, trace.done(), trace.returned(), trace.current());
    }

    /** Attaches a file to an open case; writing to a case needs a role in it (403 for one who may only read). */
    @Transactional
    public cn.xianfeng.evidence.Attachment attach(String caseId, String filename, java.io.InputStream content,
                                                  String viewer) throws java.io.IOException {
        CaseRecord r = access.requireRole(caseId, viewer);
        if (r.status() != CaseStatus.ACTIVE) {
            throw new cn.xianfeng.common.ConflictException(Refusal.of("workflow.endedNoAttachment"));
        }
        return attachments.store(caseId, filename, content, viewer, r.orgCode());
    }

    /** The steps this case has passed, in order (what 退回 may go back to), as id → name. */
    public java.util.Map<String, String> passedSteps(String caseId, String viewer) {
        CaseRecord r = reads.open(caseId, viewer, cn.xianfeng.audit.ReadKind.CASE_VIEWED);
        java.util.Map<String, String> steps = new java.util.LinkedHashMap<>();
        audit.forCase(caseId).stream().filter(e -> "TASK_COMPLETED".equals(e.action()) && e.stepId() != null)
                .forEach(e -> steps.putIfAbsent(e.stepId(), catalog.stepName(r.processKey(), e.stepId())));
        return steps;
    }

    /** Every attachment of a case the viewer may see, from start forms, task forms and free uploads. */
    public List<cn.xianfeng.evidence.Attachment> attachments(String caseId, String viewer) {
        reads.open(caseId, viewer, cn.xianfeng.audit.ReadKind.CASE_VIEWED);
        return attachments.ofCase(caseId);
    }

    /**
     * One attachment for a viewer who may see its case (404 otherwise, and for a file of no case but the viewer's
     * own upload); an auditor's download is logged.
     */
    public cn.xianfeng.evidence.Attachment attachment(String attachmentId, String viewer) {
        var a = attachments.find(attachmentId).orElseThrow(() -> new cn.xianfeng.common.NotFoundException(Refusal.of("common.attachmentNotFound", attachmentId)));
        if (a.caseId() == null) {
            if (!a.uploadedBy().equals(viewer)) {
                throw new cn.xianfeng.common.NotFoundException(Refusal.of("common.attachmentNotFound", attachmentId));
            }
            return a;
        }
        reads.open(a.caseId(), viewer, cn.xianfeng.audit.ReadKind.ATTACHMENT_DOWNLOADED);
        reads.describe(viewer, cn.xianfeng.audit.ReadKind.ATTACHMENT_DOWNLOADED, a.caseId(), a.name() + " " + a.sha256());
        return a;
    }

    /** What the viewer may do on the case's page: only what the engine would allow (see {@link CaseAccess}). */
    public WorkflowTypes.CaseRights rights(String caseId, String viewer) {
        CaseRecord r = reads.open(caseId, viewer, cn.xianfeng.audit.ReadKind.CASE_VIEWED);
        boolean role = access.hasRole(r, viewer);
        boolean active = r.status() == CaseStatus.ACTIVE;
        java.util.Set<String> openable = new java.util.HashSet<>();
        java.util.Set<String> remindable = new java.util.HashSet<>();
        for (var step : taskItems.currentSteps(caseId)) {
            if (taskAccess.mayOpen(step.taskId(), viewer)) {
                openable.add(step.taskId());
            } else if (role) {
                remindable.add(step.taskId());
            }
        }
        boolean withdraw = false;
        if (active && role) {
            try {
                steps.withdrawal(caseId, viewer);
                withdraw = true;
            } catch (cn.xianfeng.common.ConflictException nothingToTakeBack) {
                withdraw = false;
            }
        }
        return new WorkflowTypes.CaseRights(active && role, role, java.util.Set.copyOf(remindable), withdraw,
                java.util.Set.copyOf(openable));
    }

    public List<HistoryEntry> history(String caseId, String viewer) {
        return history(caseId, viewer, java.util.Locale.SIMPLIFIED_CHINESE);
    }

    /** The history with each action's label and step's name in the reader's language beside their ids. */
    public List<HistoryEntry> history(String caseId, String viewer, java.util.Locale locale) {
        CaseRecord r = reads.open(caseId, viewer, cn.xianfeng.audit.ReadKind.CASE_VIEWED);
        return audit.forCase(caseId).stream()
                .map(e -> new HistoryEntry(e.at(), e.actor(), e.action(), e.stepId(), e.taskId(), e.data(), e.comment(),
                        cn.xianfeng.audit.AuditAction.labelOf(e.action(), locale), e.stepId() == null ? null
                                : ProcessNames.in(catalog.stepName(r.processKey(), e.stepId()), locale)))
                .toList();
    }
}
