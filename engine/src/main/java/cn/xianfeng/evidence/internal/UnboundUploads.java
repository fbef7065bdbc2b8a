package cn.xianfeng.evidence.internal;

import cn.xianfeng.evidence.Attachments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * Uploads that were never bound to a case (a form abandoned, or files sent only to fill the disk) are deleted
 * once they are older than {@code xianfeng.attachments.unbound-ttl} (default one day), with their content when no
 * other attachment shares it.
 */
@Component
class UnboundUploads {

    private static final Logger LOG = LoggerFactory.getLogger(UnboundUploads.class);

    private final Attachments attachments;
    private final Clock clock;
    private final Duration ttl;

    UnboundUploads(Attachments attachments, Clock clock,
                   @Value("${xianfeng.attachments.unbound-ttl:P1D}") Duration ttl) {
        this.attachments = attachments;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Scheduled(initialDelayString = "${xianfeng.attachments.unbound-cleanup-initial-delay:PT10M}",
            fixedDelayString = "${xianfeng.attachments.unbound-cleanup-interval:PT1H}")
    @SchedulerLock(name = "unbound-uploads", lockAtLeastFor = "${xianfeng.attachments.unbound-cleanup-interval:PT1H}",
            lockAtMostFor = "${xianfeng.attachments.unbound-cleanup-interval:PT1H}")
    public void expire() {
        int gone = attachments.expireUnbound(clock.instant().minus(ttl));
        if (gone > 0) {
            LOG.info("Deleted {} upload(s) never bound to a case within {}", gone, ttl);
        }
    }
}
