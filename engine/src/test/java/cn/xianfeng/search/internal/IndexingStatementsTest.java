package cn.xianfeng.search.internal;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.testing.RealPostgresInitializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.ContextConfiguration;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the indexer costs PostgreSQL (PostgreSQL search), counted on a real server through a counting DataSource, as
 * the bench counts: a step's events indexed in two statements and one commit (the events with their cases' sources,
 * the documents written with the cursor moved); an idle indexer polling rarely, without asking for failures or the
 * lease each time; a failure another node recorded retried all the same; and a node whose lease ran out and was
 * taken writes nothing, even with the claim it still remembers. The context's own indexer is stopped meanwhile.
 */
@SpringBootTest(properties = "flowable.async-executor-activate=false")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class IndexingStatementsTest {

    @Autowired AuditTrail trail;
    @Autowired JdbcClient contextJdbc;
    @Autowired DataSource dataSource;
    @Autowired ObjectMapper json;
    @Autowired IndexingWorker contextWorker;

    CountingDataSource counted;
    JdbcClient jdbc;
    IndexingCursor cursor;
    final List<String> owners = new ArrayList<>();

    @BeforeEach
    void ownIndexer() {
        contextWorker.stop();
        counted = new CountingDataSource(dataSource);
        jdbc = JdbcClient.create(counted.dataSource);
        cursor = new IndexingCursor(jdbc);
    }

    @AfterEach
    void contextIndexer() {
        owners.forEach(o -> cursor.release(IndexingCursor.NAME, o));
        contextWorker.start();
    }

    IndexingFailures failures(Duration recheck) {
        return new IndexingFailures(jdbc, 5, Duration.ofMillis(100), recheck);
    }

    IndexingPass pass(IndexingFailures failures) {
        return new IndexingPass(new Sources(jdbc, json), new PostgresSearchIndex(jdbc), cursor, failures, 2000,
                new DataSourceTransactionManager(counted.dataSource));
    }

    String owner() {
        String owner = "statements-test-" + UUID.randomUUID();
        owners.add(owner);
        return owner;
    }

    @Test
    void aStepsEventsCostTwoStatementsAndOneCommit() {
        IndexingPass pass = pass(failures(Duration.ofMinutes(5)));
        String owner = owner();
        drain(pass, owner);
        String a = newCase();
        long first = record(a, "第一条意见");
        long second = record(a, "第二条意见");
        counted.reset();

        assertThat(pass.run(owner)).isEqualTo(IndexingPass.Result.INDEXED);

        // the lease is claimed again only once a third of it has passed since the drain moved the cursor
        long claims = counted.count("set lease_owner");
        assertThat(counted.statements()).as("the step's statements").hasSize((int) (2 + claims));
        assertThat(counted.count("where (e.xid, e.id) >")).isEqualTo(1);
        assertThat(counted.count("from case_record c where c.id = case when n.nth = 1")).as("in the same statement").isEqualTo(1);
        assertThat(counted.count("with moved as (update search_cursor")).isEqualTo(1);
        assertThat(counted.commits).as("one transaction, plus a claim's auto-commit").hasSize((int) (1 + claims));
        assertThat(counted.count("search_failure")).as("no failure known: none asked for").isZero();
        assertThat(contextJdbc.sql("select id from search_document where case_id = ?").param(a)
                .query(String.class).list())
                .containsExactlyInAnyOrder("audit-" + first, "audit-" + second, "case-" + a, "task-" + a + "-t1", "task-" + a + "-t2");
        assertThat(contextJdbc.sql("select text from search_document where id = ?").param("case-" + a)
                .query(String.class).single()).contains("第一条意见", "第二条意见");
        assertThat(cursor.position().eventId()).isEqualTo(second);

        counted.reset();
        assertThat(pass.run(owner)).isEqualTo(IndexingPass.Result.IDLE);
        assertThat(counted.statements()).as("a pass that finds nothing: one read")
                .hasSize((int) (1 + counted.count("set lease_owner")));
    }

    @Test
    void anIdleIndexerPollsRarelyAndAsksNeitherForFailuresNorTheLeaseEachTime() throws Exception {
        IndexingFailures failures = failures(Duration.ofMinutes(5));
        IndexingPass pass = pass(failures);
        String drainer = owner();
        drain(pass, drainer);
        cursor.release(IndexingCursor.NAME, drainer);
        pass.forgetClaim();
        IndexingWorker worker = new IndexingWorker(pass, cursor, Duration.ofMillis(50), Duration.ofSeconds(1),
                Duration.ofSeconds(1), failures);
        worker.start();
        try {
            waitFor(() -> worker.passes() >= 1, "the first pass");
            counted.reset();
            long passes = worker.passes();
            Thread.sleep(4_000);
            List<String> idle = counted.statements();
            // polls 50, 100, 200, 400 ms, then every second: at most 9 in 4 s (a pass every 50 ms would be 80)
            assertThat(worker.passes() - passes).as("idle passes in 4 s").isBetween(2L, 10L);
            assertThat(idle).as("statements of an idle indexer in 4 s").hasSizeLessThanOrEqualTo(12);
            assertThat(counted.count("search_failure")).as("failures are not asked for on every poll").isZero();
            assertThat(counted.count("set lease_owner")).as("the lease is renewed, not claimed every poll")
                    .isLessThanOrEqualTo(2);

            // a signal still wakes it at once
            String a = newCase();
            long event = record(a, "唤醒");
            worker.signal();
            waitFor(() -> indexed(event), "the event indexed after the signal");
        } finally {
            worker.stop();
        }
    }

    @Test
    void aFailureAnotherNodeRecordedIsRetried() throws Exception {
        IndexingFailures failures = failures(Duration.ofSeconds(1));
        IndexingPass pass = pass(failures);
        String owner = owner();
        drain(pass, owner);
        String a = newCase();
        long event = record(a, "另一节点失败的事件");
        drain(pass, owner);
        // another node failed to index it while it held the cursor: its row, not this node's memory
        contextJdbc.sql("delete from search_document where id = ?").param("audit-" + event).update();
        contextJdbc.sql("""
                insert into search_failure (event_id, attempts, first_failed_at, last_failed_at, next_attempt_at, reason)
                values (?, 1, now(), now(), now(), 'refused on the other node')""").param(event).update();

        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!indexed(event) && System.nanoTime() < deadline) {
            pass.run(owner);
            Thread.sleep(100);
        }
        assertThat(indexed(event)).as("the other node's failure retried").isTrue();
        assertThat(contextJdbc.sql("select count(*) from search_failure where event_id = ?").param(event)
                .query(Long.class).single()).as("cleared once indexed").isZero();
    }

    @Test
    void aNodeWhoseLeaseWasTakenWritesNothingEvenWithTheClaimItRemembers() {
        IndexingPass first = pass(failures(Duration.ofMinutes(5)));
        IndexingPass second = pass(failures(Duration.ofMinutes(5)));
        String one = owner();
        String two = owner();
        drain(first, one);
        assertThat(second.run(two)).as("the lease excludes a second node").isEqualTo(IndexingPass.Result.NOT_OURS);

        // the first node stalls past its lease; the second takes it
        contextJdbc.sql("update search_cursor set lease_until = now() - interval '1 second' where name = 'index'").update();
        assertThat(second.run(two)).isEqualTo(IndexingPass.Result.IDLE);
        String a = newCase();
        long event = record(a, "接管之后");

        // the first still remembers a recent claim: it reads, but its write is conditional on the cursor being its own
        first.run(one);
        assertThat(indexed(event)).as("written by a node that no longer holds the lease").isFalse();
        assertThat(first.run(one)).isEqualTo(IndexingPass.Result.NOT_OURS);

        assertThat(second.run(two)).isEqualTo(IndexingPass.Result.INDEXED);
        assertThat(indexed(event)).isTrue();
        assertThat(cursor.position().eventId()).isEqualTo(event);
    }

    private void drain(IndexingPass pass, String owner) {
        for (int i = 0; i < 1000 && pass.run(owner) != IndexingPass.Result.IDLE; i++) {
            // what earlier tests left is indexed first
        }
    }

    private boolean indexed(long event) {
        return contextJdbc.sql("select count(*) from search_document where id = ?").param("audit-" + event)
                .query(Long.class).single() == 1;
    }

    private String newCase() {
        String id = "stmt-" + UUID.randomUUID();
        contextJdbc.sql("""
                insert into org_unit (code, name, type, parent_code, path)
                values ('PX', '索引测试党委', 'COMMITTEE', null, '/PX/') on conflict do nothing""").update();
        contextJdbc.sql("""
                insert into case_record (id, process_key, subject, org_code, org_path, starter, status, started_at)
                values (?, 'report', '索引测试情况报告', 'PX', '/PX/', 'sec1', 'ACTIVE', now())""").param(id).update();
        contextJdbc.sql("""
                insert into act_hi_taskinst (id_, rev_, proc_inst_id_, task_def_key_, name_, assignee_, start_time_,
                                             tenant_id_)
                select ? || '-t' || s, 1, ?, 'branchReview', '支部审核', 'sec1', now(), ''
                  from generate_series(1, 2) s""").params(id, id).update();
        return id;
    }

    private long record(String chain, String comment) {
        return trail.record(new AuditEntry("sec1", "PX", AuditAction.COMMENTED, chain, null, null, Map.of(),
                comment, null)).id();
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 2 minutes: " + what);
            }
            Thread.sleep(20);
        }
    }
}
