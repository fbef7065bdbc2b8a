package cn.xianfeng.portal.demo;

import cn.xianfeng.points.Points;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo county's points, after the other demo data: nothing typed in, the ledger derived from the demo's audit
 * events (its year of dues above all) by the same derivation that runs on a schedule, so the pages show them at once.
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "xianfeng.demo", havingValue = "true", matchIfMissing = true)
class PointsDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PointsDemo.class);

    private final Points points;

    PointsDemo(Points points) {
        this.points = points;
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        int entries = points.catchUp();
        log.info("Demo points derived from the audit trail: {} entries in {} ms", entries,
                (System.nanoTime() - started) / 1_000_000);
    }
}
