package cn.xianfeng.search;

import cn.xianfeng.TestCounty;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.TaskEvents.TaskReminded;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event publication registry does not grow forever: a publication is deleted once its listener completed
 * (here a notice), and audit events, which search indexes by cursor, leave no publication at all.
 */
@SpringBootTest(properties = "flowable.async-executor-activate=false")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class CompletedPublicationsTest {

    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;
    @Autowired AuditTrail trail;
    @Autowired Orgs orgs;
    @Autowired People people;

    @Test
    void completedPublicationsAreDeletedAndAuditEventsLeaveNone() throws Exception {
        TestCounty.create(orgs, people);
        long before = publications();
        tx.executeWithoutResult(s -> {
            trail.record(new AuditEntry("sec1", "K-T-B1", AuditAction.COMMENTED, null, null, null, Map.of(), "无需登记", null));
            events.publishEvent(new TaskReminded("t-1", null, "支部审核", "sec1", List.of("member1"), "请尽快办理"));
        });
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (notices() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(notices()).as("the listener ran").isEqualTo(1);
        while (publications() > before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(publications()).as("its publication deleted, none for the audit event").isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from event_publication where completion_date is not null")
                .query(Long.class).single()).as("no completed publication kept").isZero();
    }

    private long publications() {
        return jdbc.sql("select count(*) from event_publication").query(Long.class).single();
    }

    private long notices() {
        return jdbc.sql("select count(*) from notice where username = 'member1' and kind = 'REMINDED'")
                .query(Long.class).single();
    }
}
