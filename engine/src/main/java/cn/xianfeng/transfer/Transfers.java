package cn.xianfeng.transfer;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.evidence.IssuedDocument;
import cn.xianfeng.transfer.internal.TransferCases;
import cn.xianfeng.workflow.Cases;
import org.springframework.stereotype.Service;

import java.time.LocalDate;

/** What others may read of a transfer: where it goes and its letter, for those who may see the case. */
@Service
public class Transfers {

    /** The kind of issued document a transfer letter is. */
    public static final String LETTER = "TRANSFER_LETTER";

    private final TransferCases cases;
    private final Cases workflow;
    private final Documents documents;

    Transfers(TransferCases cases, Cases workflow, Documents documents) {
        this.cases = cases;
        this.workflow = workflow;
        this.documents = documents;
    }

    public record Transfer(String caseId, String member, String fromOrg, String toOrg, String toName, String moveKind,
                           String duesPaidUntil, boolean open, String letterCode, LocalDate validUntil,
                           String targetOrg, LocalDate reportedOn, LocalDate receiptOn) {
    }

    public record Letter(IssuedDocument document, byte[] pdf) {
    }

    public Transfer of(String caseId, String viewer) {
        workflow.view(caseId, viewer);
        var r = cases.find(caseId).orElseThrow(() -> new NotFoundException(Refusal.of("transfer.notATransfer", caseId)));
        return new Transfer(r.caseId(), r.member(), r.fromOrg(), r.toOrg(), r.toName(), r.moveKind(), r.duesPaidUntil(),
                r.open(), r.letterCode(), r.validUntil(), r.targetOrg(), r.reportedOn(), r.receiptOn());
    }

    /** The latest letter of a case the viewer may see; 404 when there is none (or the case is not visible). */
    public Letter letter(String caseId, String viewer) {
        workflow.read(caseId, viewer, cn.xianfeng.audit.ReadKind.DOCUMENT_DOWNLOADED);
        IssuedDocument d = documents.latest(caseId, LETTER)
                .orElseThrow(() -> new NotFoundException(Refusal.of("transfer.noLetterYet")));
        return new Letter(d, documents.content(d.code()));
    }
}
