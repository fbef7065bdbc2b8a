package cn.xianfeng.audit;

import cn.xianfeng.common.Page;

import java.time.Instant;

/** The append-only log of what auditors read; rows are never changed (the database refuses UPDATE and DELETE). */
public interface AuditReads {

    /** Records a read in its own transaction (or the caller's), before the content is handed out. */
    AuditRead record(String actor, ReadKind kind, String caseId, String detail, String sourceAddress);

    /** Records the reads of one request together, in its transaction: all of them or none. */
    void recordAll(java.util.List<ReadOrigin.Pending> reads, String sourceAddress);

    /** Reads newest first; a null actor means everyone's, null bounds mean unbounded ({@code to} exclusive). */
    Page<AuditRead> list(String actor, Instant from, Instant to, int page, int size);
}
