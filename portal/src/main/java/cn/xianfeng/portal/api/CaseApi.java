package cn.xianfeng.portal.api;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.evidence.Attachment;
import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.org.People;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.WorkflowTypes.CaseSummary;
import cn.xianfeng.workflow.WorkflowTypes.CaseView;
import cn.xianfeng.workflow.WorkflowTypes.Diagram;
import cn.xianfeng.workflow.WorkflowTypes.HistoryEntry;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.CASES)
@RestController
@RequestMapping("/api")
class CaseApi {

    private final Cases cases;
    private final Attachments attachments;
    private final People people;
    private final cn.xianfeng.workflow.TaskOperations operations;
    private final cn.xianfeng.workflow.FollowUps followUps;
    private final cn.xianfeng.portal.security.AuditorReads reads;
    private final cn.xianfeng.workflow.CaseActions actions;

    CaseApi(Cases cases, Attachments attachments, People people, cn.xianfeng.workflow.TaskOperations operations,
            cn.xianfeng.workflow.FollowUps followUps, cn.xianfeng.portal.security.AuditorReads reads, cn.xianfeng.workflow.CaseActions actions) {
        this.actions = actions;
        this.reads = reads;
        this.operations = operations;
        this.followUps = followUps;
        this.cases = cases;
        this.attachments = attachments;
        this.people = people;
    }

    record StartRequest(@NotBlank @Size(max = 64) String process, @Size(max = 200) String subject,
                        Map<String, Object> data) {
    }

    /** An attachment as API.md fixes it; {@code stepId} is absent for the start form and free uploads. */
    record AttachmentView(String id, String name, long size, String type, String sha256, String stepId,
                          String uploadedBy, java.time.Instant uploadedAt) {
        static AttachmentView of(Attachment a) {
            return new AttachmentView(a.id(), a.name(), a.size(), a.type(), a.sha256(), a.stepId(), a.uploadedBy(),
                    a.uploadedAt());
        }
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Start a case of a procedure with its start form's data (admission, relation-transfer, meeting-record, …)")
    @PostMapping("/cases")
    @ResponseStatus(HttpStatus.CREATED)
    CaseSummary start(@Valid @RequestBody StartRequest r, Principal user, Locale locale) {
        return cases.start(new StartCase(r.process(), r.subject(), r.data()), user.getName(), locale);
    }

    record WithdrawRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    record CancelRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    record CommentRequest(@NotBlank @Size(max = 2000) String text) {
    }

    /** 我发起的. */
    @io.swagger.v3.oas.annotations.Operation(summary = "我发起的: the cases I started, with status and current steps (scope=mine)")
    @GetMapping("/cases")
    cn.xianfeng.common.Page<cn.xianfeng.workflow.WorkflowTypes.MyCase> mine(@RequestParam String scope,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size, Principal user,
            Locale locale) {
        if (!"mine".equals(scope)) {
            throw cn.xianfeng.common.InvalidInputException.of("scope", Refusal.of("workflow.scopeMine"));
        }
        cn.xianfeng.common.Page<cn.xianfeng.workflow.WorkflowTypes.MyCase> mine = actions.mine(user.getName(), page, size);
        return new cn.xianfeng.common.Page<>(mine.items().stream().map(c -> c.in(locale)).toList(), mine.total());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "撤销: the starter cancels a case nobody else has acted on, with a reason")
    @PostMapping("/cases/{id}/cancel")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancel(@PathVariable String id, @Valid @RequestBody CancelRequest r, Principal user) {
        actions.cancel(id, r.reason(), user.getName());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "A comment on a case outside any step, by someone who takes part in it")
    @PostMapping("/cases/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    void comment(@PathVariable String id, @Valid @RequestBody CommentRequest r, Principal user) {
        actions.comment(id, r.text(), user.getName());
    }

    record CopyRequest(@NotBlank @Size(max = 64) String to, @Size(max = 500) String note) {
    }

    /** 撤回: take back my last completion while the next step is untouched. */
    @io.swagger.v3.oas.annotations.Operation(summary = "撤回: take back my last completion while the next step is untouched, with a reason")
    @PostMapping("/cases/{id}/withdraw")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(@PathVariable String id, @Valid @RequestBody WithdrawRequest r, Principal user) {
        operations.withdraw(id, r.reason(), user.getName());
    }

    /** 抄送 */
    @io.swagger.v3.oas.annotations.Operation(summary = "抄送: send a copy of the case to someone who may then read it, with a note")
    @PostMapping("/cases/{id}/copies")
    @ResponseStatus(HttpStatus.CREATED)
    void copy(@PathVariable String id, @Valid @RequestBody CopyRequest r, Principal user) {
        followUps.copy(id, r.to(), r.note(), user.getName());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "A case: status, subject, dates and the current steps with who owes them and until when")
    @GetMapping("/cases/{id}")
    CaseView get(@PathVariable String id, Principal user, Locale locale) {
        return cases.view(id, user.getName()).in(locale);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "A case's history: who did what and when, with data and comments")
    @GetMapping("/cases/{id}/history")
    List<HistoryEntry> history(@PathVariable String id, Principal user, Locale locale) {
        return cases.history(id, user.getName(), locale);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Every attachment of a case: start form, task forms, uploads")
    @GetMapping("/cases/{id}/attachments")
    List<AttachmentView> attachments(@PathVariable String id, Principal user) {
        return cases.attachments(id, user.getName()).stream().map(AttachmentView::of).toList();
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Download an attachment (inline for images and PDF)")
    @GetMapping("/attachments/{attachmentId}")
    org.springframework.http.ResponseEntity<byte[]> download(@PathVariable String attachmentId, Principal user) {
        Attachment a = cases.attachment(attachmentId, user.getName());
        return cn.xianfeng.portal.web.Downloads.attachment(a, attachments.content(a.id()));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "A case's BPMN diagram with its done and current elements")
    @GetMapping("/cases/{id}/diagram")
    Diagram diagram(@PathVariable String id, Principal user) {
        return cases.diagram(id, user.getName());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Attach a file to an open case (needs a role in the case)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
                    mediaType = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = OpenApiDocument.FileUpload.class))))
    @PostMapping("/cases/{id}/attachments")
    @ResponseStatus(HttpStatus.CREATED)
    AttachmentView attach(@PathVariable String id,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam("file") MultipartFile file, Principal user)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            return AttachmentView.of(cases.attach(id, file.getOriginalFilename(), in, user.getName()));
        }
    }

    /**
     * Uploads for a form, before the case or step exists; only the uploader may name it in a form, which binds it to
     * the case. Unbound uploads are limited per person and expire.
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "Upload a file for a form (bound to its case when the form is accepted)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
                    mediaType = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = OpenApiDocument.FileUpload.class))))
    @PostMapping("/attachments")
    @ResponseStatus(HttpStatus.CREATED)
    AttachmentView upload(@io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam("file") MultipartFile file, Principal user) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return AttachmentView.of(attachments.store(null, file.getOriginalFilename(), in, user.getName(),
                    people.get(user.getName()).orgCode()));
        }
    }
}
