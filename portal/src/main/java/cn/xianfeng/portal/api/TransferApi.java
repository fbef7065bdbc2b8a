package cn.xianfeng.portal.api;

import cn.xianfeng.transfer.Transfers;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.Principal;

/** A relation transfer's facts and its introduction letter, for those who may see the case. */
@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.TRANSFER)
@RestController
@RequestMapping("/api/cases/{id}")
class TransferApi {

    private final Transfers transfers;

    TransferApi(Transfers transfers) {
        this.transfers = transfers;
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "A relation transfer's facts: member, from and to, letter, dues paid until")
    @GetMapping("/transfer")
    Transfers.Transfer transfer(@PathVariable String id, Principal user) {
        return transfers.of(id, user.getName());
    }

    /** The latest letter of the case (a reissued one replaces the void one); 404 when none was issued. */
    @io.swagger.v3.oas.annotations.Operation(summary = "The introduction letter of a relation transfer (PDF, the latest issued)")
    @GetMapping(value = "/letter.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> letter(@PathVariable String id, Principal user) {
        Transfers.Letter letter = transfers.letter(id, user.getName());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("组织关系介绍信-" + letter.document().code() + ".pdf", StandardCharsets.UTF_8).build()
                        .toString())
                .header("X-Document-Code", letter.document().code())
                .body(letter.pdf());
    }
}
