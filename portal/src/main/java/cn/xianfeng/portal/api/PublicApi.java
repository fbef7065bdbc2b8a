package cn.xianfeng.portal.api;

import cn.xianfeng.evidence.Documents;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** What anyone holding a printed document may check without signing in. */
@RestController
@RequestMapping("/api/public")
class PublicApi {

    private final Documents documents;

    PublicApi(Documents documents) {
        this.documents = documents;
    }

    record VerifyView(boolean valid, String document, String kind, String issuer, Instant issuedAt, String sha256,
                      boolean isVoid, String voidReason, String replacedBy, String serial) {
    }

    @GetMapping("/verify/{code}")
    VerifyView verify(@PathVariable String code) {
        Documents.Check c = documents.verify(code);
        return new VerifyView(c.valid(), c.document(), c.kind(), c.issuer(), c.issuedAt(), c.sha256(), c.isVoid(),
                c.voidReason(), c.replacedBy(), c.serial());
    }
}
