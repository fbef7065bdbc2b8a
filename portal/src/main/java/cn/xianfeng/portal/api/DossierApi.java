package cn.xianfeng.portal.api;

import cn.xianfeng.dossier.Dossiers;
import cn.xianfeng.audit.ReadKind;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.portal.security.AuditorReads;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/** A case's dossier, signed PDF/A, for those who may view the case (404 for anyone else). */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.DOCUMENTS)
@RestController
@RequestMapping("/api")
class DossierApi {

    private final Dossiers dossiers;
    private final Documents documents;
    private final AuditorReads reads;

    DossierApi(Dossiers dossiers, Documents documents, AuditorReads reads) {
        this.reads = reads;
        this.dossiers = dossiers;
        this.documents = documents;
    }

    /** The certificate every issued document is signed with, to check a dossier offline. */
    @io.swagger.v3.oas.annotations.Operation(summary = "The certificate every issued document is signed with (PEM, no sign-in)")
    @GetMapping(value = "/public/signing-certificate.pem", produces = "application/x-pem-file")
    ResponseEntity<String> certificate() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                .header("Content-Disposition", "attachment; filename=\"xianfeng-signing.pem\"")
                .body(documents.signingCertificatePem());
    }

    /** The stored dossier while the case stands as it was; a new one once anything was recorded on the case. */
    @io.swagger.v3.oas.annotations.Operation(summary = "A case's dossier (signed PDF/A) as the case stands: the stored one, "
            + "or a new one if the case changed since")
    @GetMapping(value = "/cases/{id}/dossier.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> dossier(@PathVariable String id, Principal user, HttpServletRequest request) {
        var issued = dossiers.current(id, user.getName());
        reads.record(user.getName(), ReadKind.DOSSIER_DOWNLOADED, id, issued.document().code(), request);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"dossier-" + id + ".pdf\"")
                .header("X-Verification-Code", issued.document().code())
                .body(issued.pdf());
    }

    record IssuedView(String code, String title, java.time.Instant issuedAt, String sha256, String pdf) {
    }

    /** A new dossier on request: officers and reviewers of the case's org or above; other viewers 403. */
    @io.swagger.v3.oas.annotations.Operation(summary = "Issue a new dossier of a case (officers and reviewers of its org "
            + "or above)")
    @PostMapping("/cases/{id}/dossier")
    ResponseEntity<IssuedView> issue(@PathVariable String id, Principal user) {
        var d = dossiers.issue(id, user.getName()).document();
        String pdf = "/api/cases/" + id + "/dossier.pdf";
        return ResponseEntity.status(201).location(java.net.URI.create(pdf))
                .body(new IssuedView(d.code(), d.title(), d.issuedAt(), d.sha256(), pdf));
    }
}
