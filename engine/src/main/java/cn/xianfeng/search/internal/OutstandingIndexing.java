package cn.xianfeng.search.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import cn.xianfeng.audit.AuditEventRecorded;
import org.springframework.scheduling.annotation.Scheduled;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Retries indexing that failed (Elasticsearch down): the registry keeps each failed publication incomplete,
 * and republishing at restart alone would leave the index behind until the next deployment. Only indexing
 * is resubmitted, and only publications old enough that their first attempt is over.
 */
@Component
class OutstandingIndexing {

    private final IncompleteEventPublications incomplete;
    private final Duration minAge;
    private final Clock clock;

    OutstandingIndexing(IncompleteEventPublications incomplete, Clock clock,
                        @Value("${xianfeng.search.resubmit-older-than:PT1M}") Duration minAge) {
        this.incomplete = incomplete;
        this.clock = clock;
        this.minAge = minAge;
    }

    @Scheduled(fixedDelayString = "${xianfeng.search.resubmit-interval:PT1M}",
            initialDelayString = "${xianfeng.search.resubmit-interval:PT1M}")
    @SchedulerLock(name = "search-resubmission", lockAtLeastFor = "${xianfeng.search.resubmit-interval:PT1M}",
            lockAtMostFor = "${xianfeng.search.resubmit-interval:PT1M}")
    public void resubmit() {
        resubmitOlderThan(minAge);
    }

    void resubmitOlderThan(Duration age) {
        // the registry stamps publications with the application's Clock bean, as this does
        Instant before = clock.instant().minus(age);
        incomplete.resubmitIncompletePublications(p -> isOurs(p) && !p.getPublicationDate().isAfter(before));
    }

    private static boolean isOurs(EventPublication p) {
        // AuditIndexer is the only listener of AuditEventRecorded (the API does not name a publication's listener)
        return p.getEvent() instanceof AuditEventRecorded;
    }
}
