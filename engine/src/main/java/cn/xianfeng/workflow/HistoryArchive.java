package cn.xianfeng.workflow;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.evidence.Documents;
import cn.xianfeng.evidence.IssuedDocument;
import cn.xianfeng.workflow.internal.ArchivedHistories;
import cn.xianfeng.workflow.internal.ArchivedHistories.Row;
import cn.xianfeng.workflow.internal.CaseRecords;
import cn.xianfeng.workflow.internal.CaseRecords.CaseRecord;
import cn.xianfeng.workflow.internal.HistorySnapshot;
import org.flowable.engine.HistoryService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Moves a closed case's engine history out of Flowable's tables into an append-only archive. Only a case whose
 * dossier is stored qualifies: the dossier and the audit trail keep telling the whole story, the archive keeps
 * Flowable's own record of it, and an audit event (with the archive's SHA-256) says when and why it moved.
 */
@Service
public class HistoryArchive {

    public static final String DOSSIER_KIND = "DOSSIER";

    private final CaseRecords records;
    private final CaseReads access;
    private final ArchivedHistories archives;
    private final HistorySnapshot snapshot;
    private final HistoryService history;
    private final Documents documents;
    private final AuditTrail audit;
    private final Clock clock;

    HistoryArchive(CaseRecords records, CaseReads access, ArchivedHistories archives, HistorySnapshot snapshot,
                   HistoryService history, Documents documents, AuditTrail audit, Clock clock) {
        this.records = records;
        this.access = access;
        this.archives = archives;
        this.snapshot = snapshot;
        this.history = history;
        this.documents = documents;
        this.audit = audit;
        this.clock = clock;
    }

    public record Archived(String caseId, Instant archivedAt, String archivedBy, String dossierCode, String sha256,
                           Map<String, Long> rowCounts, boolean intact, Map<String, Object> history) {
    }

    /** Closed cases whose engine history ended before the cutoff and is not archived yet, oldest first. */
    public List<String> closedBefore(Instant cutoff, int limit) {
        return archives.closedBefore(cutoff, limit);
    }

    /**
     * Archives the case's engine history in one transaction: copy, delete from ACT_HI_*, audit. 409 unless the case
     * is closed, not yet archived, and {@code dossierCode} names a valid dossier of this case issued after it closed.
     */
    @Transactional
    public Archived archive(String caseId, String dossierCode, String actor) {
        CaseRecord r = records.find(caseId).orElseThrow(() -> new NotFoundException(Refusal.of("workflow.caseNotFound", caseId)));
        if (r.status() == CaseStatus.ACTIVE || r.endedAt() == null) {
            throw new ConflictException(Refusal.of("workflow.notClosedForArchive"));
        }
        if (archives.exists(caseId)) {
            throw new ConflictException(Refusal.of("workflow.historyArchived"));
        }
        requireStoredDossier(r, dossierCode);
        Map<String, Object> taken = snapshot.take(caseId)
                .orElseThrow(() -> new ConflictException(Refusal.of("workflow.noHistoryToArchive")));
        Map<String, Long> counts = snapshot.rowCounts(caseId);
        history.deleteHistoricProcessInstance(caseId);
        Map<String, Long> left = snapshot.rowCounts(caseId);
        if (left.values().stream().anyMatch(n -> n > 0)) {
            // rolls the whole archive back: the engine kept rows the archive would not account for
            throw new IllegalStateException("engine history not fully removed for " + caseId + ": " + left);
        }
        String sha = ArchivedHistories.sha256(taken);
        Instant now = clock.instant();
        archives.insert(new Row(caseId, now, actor, dossierCode, sha, counts, taken), assignees(taken));
        audit.record(new AuditEntry(actor, r.orgCode(), AuditAction.HISTORY_ARCHIVED, caseId, null, null,
                Map.of("dossierCode", dossierCode, "sha256", sha, "rows", counts), "流程历史已归档（案卷已存）", null));
        return new Archived(caseId, now, actor, dossierCode, sha, counts, true, taken);
    }

    /** The archived engine history of a case the viewer may see; empty while it is still in Flowable's tables. */
    public Optional<Archived> find(String caseId, String viewer) {
        access.open(caseId, viewer, cn.xianfeng.audit.ReadKind.CASE_VIEWED);
        return archives.find(caseId).map(row -> new Archived(row.caseId(), row.archivedAt(), row.archivedBy(),
                row.dossierCode(), row.sha256(), row.rowCounts(),
                ArchivedHistories.sha256(row.history()).equals(row.sha256()), row.history()));
    }

    public long countClosedBefore(Instant cutoff) {
        return archives.countClosedBefore(cutoff);
    }

    public long archivedCount() {
        return archives.count();
    }

    private void requireStoredDossier(CaseRecord r, String code) {
        IssuedDocument d = code == null ? null : documents.find(code).orElse(null);
        if (d == null || !DOSSIER_KIND.equals(d.kind()) || !r.id().equals(d.caseId()) || d.isVoid()
                || d.issuedAt().isBefore(r.endedAt()) || !d.sha256().equals(ArchivedHistories.sha256(documents.content(code)))) {
            throw new ConflictException(Refusal.of("workflow.dossierFirst"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> assignees(Map<String, Object> taken) {
        var tasks = (List<Map<String, Object>>) taken.getOrDefault("tasks", List.of());
        return tasks.stream().flatMap(t -> Stream.of(t.get("assignee"), t.get("owner")))
                .filter(Objects::nonNull).map(Object::toString).distinct().toList();
    }
}
