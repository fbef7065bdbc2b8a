package cn.xianfeng.search.internal;

import cn.xianfeng.TestCounty;
import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.search.DeadLetter;
import cn.xianfeng.search.Reindex;
import cn.xianfeng.search.SearchIndexing;
import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.util.List;
import java.util.Map;

import static cn.xianfeng.search.internal.CursorIndexingTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An event whose document the index keeps refusing (here a real PostgreSQL check constraint refuses one actor):
 * it is tried a bounded number of times with growing delays, then listed as a dead letter for administrators and
 * counted for the metric, while the events after it are indexed; once the cause is gone an administrator retries
 * it. A rebuild meanwhile swaps in the new table with the refused document left out and listed.
 */
@SpringBootTest(properties = {"flowable.async-executor-activate=false", "xianfeng.search.poll-interval=PT0.05S",
        "xianfeng.search.max-attempts=3", "xianfeng.search.retry-delay=PT0.1S"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class DeadLetterTest {

    @Autowired AuditTrail trail;
    @Autowired JdbcClient jdbc;
    @Autowired SearchIndexing indexing;
    @Autowired Reindex reindex;
    @Autowired Orgs orgs;
    @Autowired People people;

    @Test
    void aDocumentRefusedAgainAndAgainBecomesADeadLetterWithoutHoldingUpTheRest() throws Exception {
        TestCounty.create(orgs, people);
        jdbc.sql("alter table search_document add constraint no_poison check (actor is distinct from 'poison')").update();
        long poison = record("poison", "有毒事件");
        long after = record("member1", "之后的事件");

        waitFor(() -> indexed(after), "the event after the refused one is indexed");
        waitFor(() -> !indexing.deadLetters("admin").isEmpty(), "a dead letter after the last attempt");
        List<DeadLetter> dead = indexing.deadLetters("admin");
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.eventId()).isEqualTo(poison);
            assertThat(d.attempts()).as("bounded: max-attempts").isEqualTo(3);
            assertThat(d.reason()).contains("no_poison");
            assertThat(d.actor()).isEqualTo("poison");
            assertThat(d.action()).isEqualTo("COMMENTED");
        });
        assertThat(indexing.counts()).isEqualTo(new SearchIndexing.Counts(1, 0));
        assertThat(indexed(poison)).isFalse();
        Thread.sleep(500);
        assertThat(indexing.deadLetters("admin").get(0).attempts()).as("no longer tried").isEqualTo(3);
        assertThatThrownBy(() -> indexing.deadLetters("sec1")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> indexing.retry(poison, "sec1")).isInstanceOf(ForbiddenException.class);

        // a rebuild meanwhile: the refused document is left out and stays listed; the rest is swapped in
        Reindex.Progress rebuilt = reindex.runNow(p -> { });
        assertThat(rebuilt.phase()).as(String.valueOf(rebuilt.error())).isEqualTo("DONE");
        assertThat(rebuilt.refused()).isEqualTo(1);
        assertThat(rebuilt.complete()).as("indexed + refused = expected").isTrue();
        assertThat(indexed(after)).isTrue();
        assertThat(indexing.counts().deadLetters()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from pg_constraint where conname = 'no_poison'").query(Long.class).single())
                .as("the rebuilt table is made like the serving one").isEqualTo(1);

        jdbc.sql("alter table search_document drop constraint no_poison").update();
        indexing.retry(poison, "admin");
        waitFor(() -> indexed(poison), "indexed once retried after the cause was fixed");
        waitFor(() -> indexing.counts().equals(new SearchIndexing.Counts(0, 0)), "no dead letter left");
        assertThatThrownBy(() -> indexing.retry(poison, "admin")).isInstanceOf(NotFoundException.class);
    }

    private long record(String actor, String comment) {
        return trail.record(new AuditEntry(actor, "K-T-B1", AuditAction.COMMENTED, null, null, null, Map.of(), comment, null)).id();
    }

    private boolean indexed(long eventId) {
        return jdbc.sql("select count(*) from search_document where id = ?").param("audit-" + eventId)
                .query(Long.class).single() == 1;
    }
}
