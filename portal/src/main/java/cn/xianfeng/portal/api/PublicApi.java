package cn.xianfeng.portal.api;

import cn.xianfeng.evidence.Documents;
import cn.xianfeng.evidence.Integrity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Locale;

/** What anyone holding a printed document may check without signing in. */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.DOCUMENTS)
@RestController
@RequestMapping("/api/public")
class PublicApi {

    private final Documents documents;

    PublicApi(Documents documents) {
        this.documents = documents;
    }

    /**
     * {@code valid}: intact and not void; {@code integrity} says whether the stored record still agrees with itself and
     * with the audit event of its issue ({@code INTACT}, else what was found rewritten; {@code problem} in words).
     */
    record VerifyView(boolean valid, String document, String kind, String issuer, Instant issuedAt, String sha256,
                      boolean isVoid, String voidReason, String replacedBy, String serial, Integrity integrity,
                      String problem) {
    }

    /** JSON for API clients (and any client that does not ask for HTML); browsers get {@code VerifyPage}. */
    @io.swagger.v3.oas.annotations.Operation(summary = "Verify an issued document by the code printed on it (JSON)")
    @GetMapping(value = "/verify/{code}", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    VerifyView verify(@PathVariable String code) {
        Documents.Check c = documents.verify(code);
        return new VerifyView(c.valid(), c.document(), c.kind(), c.issuer(), c.issuedAt(), c.sha256(), c.isVoid(),
                c.voidReason(), c.replacedBy(), c.serial(), c.integrity(),
                c.integrity() == Integrity.INTACT ? null : c.integrity().label(Locale.SIMPLIFIED_CHINESE));
    }
}
