package cn.xianfeng.cluster.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Hands every event publication still incomplete after {@code xianfeng.events.resubmit-older-than} (5 min) to its
 * listener again, on one node: a listener that failed, or one whose node died before it finished. In place of
 * republishing at start, which on several nodes would repeat what another node is doing that instant. By then any
 * first attempt is long over, so nothing is handled twice at once.
 */
@Component
class OutstandingPublications {

    private final IncompleteEventPublications incomplete;
    private final Clock clock;
    private final Duration minAge;

    OutstandingPublications(IncompleteEventPublications incomplete, Clock clock,
                            @Value("${xianfeng.events.resubmit-older-than:PT5M}") Duration minAge) {
        this.incomplete = incomplete;
        this.clock = clock;
        this.minAge = minAge;
    }

    @Scheduled(fixedDelayString = "${xianfeng.events.resubmit-interval:PT1M}",
            initialDelayString = "${xianfeng.events.resubmit-interval:PT1M}")
    @SchedulerLock(name = "event-resubmission", lockAtLeastFor = "${xianfeng.events.resubmit-interval:PT1M}")
    public void resubmit() {
        // the registry stamps publications with the application's Clock bean, as this does
        Instant before = clock.instant().minus(minAge);
        incomplete.resubmitIncompletePublications(p -> !p.getPublicationDate().isAfter(before));
    }
}
