package cn.xianfeng.workflow;

import cn.xianfeng.workflow.internal.CaseRecords;
import org.springframework.stereotype.Service;

import java.util.Optional;

/** Case facts for other modules (indexing, documents) that have already decided who may see what. */
@Service
public class CaseDirectory {

    private final CaseRecords records;

    CaseDirectory(CaseRecords records) {
        this.records = records;
    }

    public record CaseInfo(String id, String process, String subject, String orgCode, String orgPath, String starter,
                           CaseStatus status, java.time.Instant startedAt) {
    }

    /** Cases of an org subtree by procedure and status, for dashboards. */
    public java.util.Map<String, java.util.Map<String, Long>> countsWithin(String orgPath) {
        java.util.Map<String, java.util.Map<String, Long>> counts = new java.util.TreeMap<>();
        records.countsWithin(orgPath).forEach(c -> counts.computeIfAbsent(c.process(), k -> new java.util.TreeMap<>())
                .put(c.status(), c.count()));
        return counts;
    }

    /**
     * The case's status after a completed step: as the step's engine command saw it end (or not), else as its record
     * says now (a completion outside the step command, such as one that waited for co-signers).
     */
    public CaseStatus statusAfter(StepRules.Step step) {
        return step.statusAfter() != null ? step.statusAfter()
                : find(step.caseId()).map(CaseInfo::status).orElse(CaseStatus.ACTIVE);
    }

    public Optional<CaseInfo> find(String caseId) {
        return caseId == null ? Optional.empty() : records.find(caseId).map(r -> new CaseInfo(r.id(), r.processKey(),
                r.subject(), r.orgCode(), r.orgPath(), r.starter(), r.status(), r.startedAt()));
    }
}
