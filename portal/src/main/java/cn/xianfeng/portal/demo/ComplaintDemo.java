package cn.xianfeng.portal.demo;

import cn.xianfeng.complaint.ComplaintTypes.Intake;
import cn.xianfeng.complaint.Complaints;
import cn.xianfeng.org.Orgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Locale;

/**
 * A public complaint waiting for the demo county's dispatcher xuqiang (徐强), once, after the demo county exists:
 * filed as a citizen would, so its contact (a made-up number) is kept apart and shown masked to handlers.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "xianfeng.demo", havingValue = "true", matchIfMissing = true)
class ComplaintDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ComplaintDemo.class);

    private final Complaints complaints;
    private final Orgs orgs;
    private final JdbcClient jdbc;

    ComplaintDemo(Complaints complaints, Orgs orgs, JdbcClient jdbc) {
        this.complaints = complaints;
        this.orgs = orgs;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (orgs.find("C01").isEmpty() || jdbc.sql("select count(*) from complaint").query(Long.class).single() > 0) {
            return;
        }
        String code = complaints.intake(new Intake("COMMUNITY_SERVICE", "城关社区东门路灯不亮",
                "城关社区东门的路灯已经坏了两周，晚上出行不便，请尽快修复。", "城关社区东门", false, "王女士",
                "13800138000", null), "demo", Locale.SIMPLIFIED_CHINESE);
        log.info("Demo complaint filed, tracking code {}: dispatcher xuqiang routes it", code);
    }
}
