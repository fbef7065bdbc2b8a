package cn.xianfeng.retention;

import cn.xianfeng.cluster.ClusterLocks;
import cn.xianfeng.dossier.Dossiers;
import cn.xianfeng.workflow.HistoryArchive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Archives the engine history of cases closed longer than {@code xianfeng.retention.archive-after} (default three
 * years): first the dossier is issued and stored, then the history moves. A case that fails stays as it was and is
 * tried again on the next run. One run at a time across all nodes (a second, by hand or by schedule, is a 409).
 */
@Service
public class Retention {

    static final String ACTOR = "system";
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final HistoryArchive archive;
    private final Dossiers dossiers;
    private final Clock clock;
    private final Duration archiveAfter;
    private final int batch;
    private final ClusterLocks locks;

    Retention(HistoryArchive archive, Dossiers dossiers, Clock clock, ClusterLocks locks,
              @Value("${xianfeng.retention.archive-after:P1095D}") Duration archiveAfter,
              @Value("${xianfeng.retention.batch:200}") int batch) {
        if (archiveAfter.isNegative()) {
            throw new IllegalArgumentException("xianfeng.retention.archive-after must not be negative");
        }
        this.archive = archive;
        this.dossiers = dossiers;
        this.clock = clock;
        this.archiveAfter = archiveAfter;
        this.batch = batch;
        this.locks = locks;
    }

    public record Run(Instant cutoff, List<String> archived, List<String> failed) {
    }

    public record Status(Duration archiveAfter, Instant cutoff, long due, long archived) {
    }

    /** One pass over the cases due now; each case is archived in its own transaction. 409 while one runs anywhere. */
    public Run archiveDue() {
        return locks.exclusively("retention-run", "label.work.retention", this::pass);
    }

    private Run pass() {
        Instant cutoff = cutoff();
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String caseId : archive.closedBefore(cutoff, batch)) {
            try {
                String code = dossiers.issueForArchive(caseId, ACTOR).document().code();
                archive.archive(caseId, code, ACTOR);
                done.add(caseId);
            } catch (RuntimeException e) {
                log.warn("retention: case {} not archived: {}", caseId, e.getMessage());
                failed.add(caseId);
            }
        }
        return new Run(cutoff, done, failed);
    }

    public Status status() {
        Instant cutoff = cutoff();
        return new Status(archiveAfter, cutoff, archive.countClosedBefore(cutoff),
                archive.archivedCount());
    }

    private Instant cutoff() {
        return clock.instant().minus(archiveAfter);
    }
}
