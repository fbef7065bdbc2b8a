package cn.xianfeng.portal.web;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.audit.AuditVerification;
import cn.xianfeng.audit.ReadKind;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.evidence.Attachment;
import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.evidence.IssuedDocument;
import cn.xianfeng.portal.security.AuditorReads;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.WorkflowTypes.CaseView;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;

/**
 * 案卷查阅: a case read-only for auditors and administrators of its org's subtree — summary, diagram, timeline with
 * form data, attachments, issued documents, the chain's verification and the dossier. Nothing here changes a case.
 * Not an auditor: 403; a case unknown or outside the subtree: 404 (as the API says of cases one may not see).
 */
@Controller
class AuditCasePages {

    private final Cases cases;
    private final Attachments attachments;
    private final Documents documents;
    private final AuditTrail audit;
    private final AuditorReads readers;
    private final Clock clock;

    AuditCasePages(Cases cases, Attachments attachments, Documents documents, AuditTrail audit, AuditorReads readers,
                   Clock clock) {
        this.cases = cases;
        this.attachments = attachments;
        this.documents = documents;
        this.audit = audit;
        this.readers = readers;
        this.clock = clock;
    }

    @GetMapping("/audit/cases/{id}")
    String explore(@PathVariable String id, Principal user, HttpServletRequest request, Model model) {
        CaseView c = audited(id, user.getName());
        model.addAttribute("c", c);
        model.addAttribute("history", cases.history(id, user.getName()));
        model.addAttribute("attachments", attachments.ofCase(id));
        model.addAttribute("documents", documents.ofCase(id));
        if (!model.containsAttribute("chain")) {
            // the status shows at once (one case's chain is short); 校验 checks again and logs it as a verification
            model.addAttribute("chain", audit.verifyChain(id));
            model.addAttribute("chainAt", clock.instant());
        }
        return "audit-case";
    }

    /** 校验 of this case's chain and its head row. */
    @PostMapping("/audit/cases/{id}/verify")
    String verify(@PathVariable String id, @RequestHeader(name = "HX-Request", required = false) String htmx,
                  Principal user, HttpServletRequest request, Model model) {
        CaseView c = audited(id, user.getName());
        AuditVerification result = audit.verifyChain(id);
        readers.record(user.getName(), ReadKind.CHAIN_VERIFIED, id, AuditorReads.verificationDetail(result), request);
        model.addAttribute("chain", result);
        model.addAttribute("chainAt", clock.instant());
        if (htmx != null) {
            model.addAttribute("c", c);
            return "fragments/verification :: chain";
        }
        return explore(id, user, request, model);
    }

    @GetMapping("/audit/cases/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(@PathVariable String id, @PathVariable String attachmentId, Principal user,
                                      HttpServletRequest request) {
        audited(id, user.getName());
        Attachment a = attachments.find(attachmentId).filter(x -> id.equals(x.caseId()))
                .orElseThrow(() -> new NotFoundException(Refusal.of("common.attachmentNotFound", attachmentId)));
        byte[] content = attachments.content(a.id());
        readers.record(user.getName(), ReadKind.ATTACHMENT_DOWNLOADED, id, a.name() + " " + a.sha256(), request);
        return Downloads.attachment(a, content);
    }

    @GetMapping("/audit/cases/{id}/documents/{code}")
    ResponseEntity<byte[]> document(@PathVariable String id, @PathVariable String code, Principal user,
                                    HttpServletRequest request) {
        audited(id, user.getName());
        IssuedDocument d = documents.find(code).filter(x -> id.equals(x.caseId()))
                .orElseThrow(() -> new NotFoundException(Refusal.of("evidence.documentNotFound", code)));
        byte[] content = documents.content(d.code());
        readers.record(user.getName(), ReadKind.DOCUMENT_DOWNLOADED, id, d.kind() + " " + d.code(), request);
        return download(content, MediaType.APPLICATION_PDF_VALUE, d.kind().toLowerCase() + "-" + d.code() + ".pdf");
    }

    /** The case, if the viewer is an auditor or administrator and the case lies in a subtree they audit. */
    private CaseView audited(String caseId, String viewer) {
        readers.requireAuditReader(viewer);
        CaseView c = cases.view(caseId, viewer);
        if (!readers.auditsOrg(viewer, c.orgCode())) {
            throw new ForbiddenException(Refusal.of("audit.caseOutOfScope"));
        }
        return c;
    }

    private static ResponseEntity<byte[]> download(byte[] content, String type, String name) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(type))
                .header("Content-Disposition", ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8)
                        .build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(content);
    }
}
