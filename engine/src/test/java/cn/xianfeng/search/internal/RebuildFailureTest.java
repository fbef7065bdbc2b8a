package cn.xianfeng.search.internal;

import cn.xianfeng.TestCounty;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.search.Reindex;
import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.util.Map;

import static cn.xianfeng.search.internal.CursorIndexingTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the PostgreSQL fallback, a rebuild whose new table refuses more documents than allowed (none here) fails, and
 * the serving table is the one it was: same rows, same constraints; the new table is gone.
 */
@SpringBootTest(properties = {"flowable.async-executor-activate=false", "xianfeng.search.poll-interval=PT0.05S",
        "xianfeng.search.rebuild-max-refused=0", "xianfeng.search.max-attempts=1"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class RebuildFailureTest {

    @Autowired AuditTrail trail;
    @Autowired JdbcClient jdbc;
    @Autowired Reindex reindex;
    @Autowired Orgs orgs;
    @Autowired People people;

    @Test
    void aRebuildThatFailsLeavesTheServingTableAsItWas() throws Exception {
        TestCounty.create(orgs, people);
        for (int i = 0; i < 20; i++) {
            record("member1", "重建前的事件" + i);
        }
        jdbc.sql("alter table search_document add constraint no_poison check (actor is distinct from 'poison')").update();
        long poison = record("poison", "有毒事件");
        long after = record("member1", "之后的事件");
        waitFor(() -> indexed("audit-" + after) && dead(poison), "indexed, and the poison a dead letter");
        long before = count("select count(*) from search_document");
        String oid = jdbc.sql("select cast('search_document'::regclass::oid as text)").query(String.class).single();

        Reindex.Progress failed = reindex.runNow(p -> { });
        assertThat(failed.phase()).isEqualTo("FAILED");
        assertThat(failed.error()).contains("refused 1 documents");
        assertThat(count("select count(*) from search_document")).as("the serving table untouched").isEqualTo(before);
        assertThat(jdbc.sql("select cast('search_document'::regclass::oid as text)").query(String.class).single())
                .as("the same table").isEqualTo(oid);
        assertThat(count("select count(*) from pg_class where relname = 'search_document_next'")).as("discarded").isZero();
        assertThat(indexed("audit-" + after)).isTrue();
        assertThat(jdbc.sql("select count(*) from search_document where text like '%重建前的事件%'").query(Long.class)
                .single()).isEqualTo(20);
    }

    private long record(String actor, String comment) {
        return trail.record(new AuditEntry(actor, "K-T-B1", AuditAction.COMMENTED, null, null, null, Map.of(), comment, null)).id();
    }

    private boolean indexed(String id) {
        return count("select count(*) from search_document where id = '" + id + "'") == 1;
    }

    private boolean dead(long eventId) {
        return count("select count(*) from search_failure where dead_at is not null and event_id = " + eventId) == 1;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
