package cn.xianfeng.search.internal;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import cn.xianfeng.search.SearchTypes.Kind;
import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.SearchTypes.SearchQuery;
import cn.xianfeng.search.SearchTypes.SearchResult;
import cn.xianfeng.testing.RealPostgresInitializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One indexing step over several batches on the real PostgreSQL store: the next batch is read while the previous
 * one is written; each case touched by a batch is derived once in it, and a task document stored unchanged by the
 * batch before is not written again; a write that fails leaves the cursor where it was and the batch read ahead
 * unwritten, and the next step indexes everything. The context's own indexer is stopped meanwhile.
 */
@SpringBootTest(properties = "flowable.async-executor-activate=false")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class IndexingPassTest {

    static final int BATCH = 4;

    @Autowired AuditTrail trail;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired SearchIndex store;
    @Autowired IndexingCursor cursor;
    @Autowired IndexingFailures failures;
    @Autowired IndexingWorker worker;

    final String owner = "pass-test-" + UUID.randomUUID();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final List<List<SearchDocument>> writes = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger reads = new AtomicInteger();
    final CountDownLatch secondRead = new CountDownLatch(1);
    volatile boolean firstWriteWaitsForTheNextRead;
    volatile boolean failFirstWrite;

    Sources sources;
    IndexingPass pass;

    @BeforeEach
    void ownIndexer() {
        worker.stop();
        sources = new Sources(jdbc, json) {
            @Override
            List<AuditRow> auditAfter(IndexingCursor.Position after, int limit) {
                counted();
                return super.auditAfter(after, limit);
            }

            @Override
            CaseSources.Batch auditAfterWithCases(IndexingCursor.Position after, int limit) {
                counted();
                return super.auditAfterWithCases(after, limit);
            }

            private void counted() {
                log.add("read " + reads.incrementAndGet());
                if (reads.get() == 2) {
                    secondRead.countDown();
                }
            }
        };
        SearchIndex recording = new SearchIndex() {
            @Override
            public IndexOutcome index(List<SearchDocument> documents) {
                int n = writes.size() + 1;
                writes.add(documents);
                log.add("write " + n + " begins");
                if (n == 1 && failFirstWrite) {
                    throw new SearchUnavailableException("the store is down", null);
                }
                if (n == 1 && firstWriteWaitsForTheNextRead) {
                    try {
                        // with reading and writing in turn the next read never comes while this write lasts
                        assertThat(secondRead.await(2, TimeUnit.MINUTES)).as("the next batch read during the write")
                                .isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                IndexOutcome outcome = store.index(documents);
                log.add("write " + n + " ends");
                return outcome;
            }

            @Override
            public SearchResult search(SearchQuery query) {
                return store.search(query);
            }

            @Override
            public long count() {
                return store.count();
            }

            @Override
            public void clear() {
                store.clear();
            }

            @Override
            public Generation rebuilding() {
                return store.rebuilding();
            }

            @Override
            public String name() {
                return store.name();
            }
        };
        pass = new IndexingPass(sources, recording, cursor, failures, BATCH);
        // what earlier tests left is indexed first, so that each test starts on its own events
        while (pass.run(owner) != IndexingPass.Result.IDLE) {
            writes.clear();
        }
        writes.clear();
        log.clear();
        reads.set(0);
    }

    @AfterEach
    void contextIndexer() {
        cursor.release(IndexingCursor.NAME, owner);
        worker.start();
    }

    @Test
    void readsTheNextBatchWhileWritingAndDerivesEachCaseOncePerBatch() {
        String a = newCase();
        String b = newCase();
        List<Long> events = new ArrayList<>();
        for (String chain : List.of(a, a, a, b, a, b, b, a)) {
            events.add(record(chain));
        }
        firstWriteWaitsForTheNextRead = true;

        assertThat(pass.run(owner)).isEqualTo(IndexingPass.Result.INDEXED);

        // write 1 could only end once read 2 had come (it waited for it): read 2 overlapped it
        assertThat(log).as("read 2 while write 1 is in flight").containsSubsequence("read 1", "write 1 begins",
                "write 1 ends", "write 2 begins").containsSubsequence("read 2", "write 1 ends");
        assertThat(writes).hasSize(2);
        // batch 1: a, a, a, b — each case and each of its tasks once, beside the four events
        assertThat(ids(writes.get(0))).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(with(audit(events, 0, 1, 2, 3), "case-" + a, "case-" + b,
                        "task-" + a + "-t1", "task-" + a + "-t2", "task-" + b + "-t1", "task-" + b + "-t2"));
        // batch 2: a, b, b, a — the cases again (their text grew), the tasks not: stored unchanged just before
        assertThat(ids(writes.get(1))).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(with(audit(events, 4, 5, 6, 7), "case-" + a, "case-" + b));
        assertThat(cursor.position().eventId()).isEqualTo(events.get(events.size() - 1));
        assertThat(store.search(new SearchQuery(null, Kind.CASE, null, null, null, null, null, null, null, 0, 10))
                .items()).extracting(h -> h.caseId()).contains(a, b);
    }

    @Test
    void aFailedWriteLeavesTheCursorAndTheBatchReadAheadUnwrittenThenTheNextStepIndexesAll() {
        String a = newCase();
        List<Long> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(record(a));
        }
        IndexingCursor.Position before = cursor.position();
        failFirstWrite = true;

        assertThatThrownBy(() -> pass.run(owner)).isInstanceOf(SearchUnavailableException.class);
        assertThat(writes).as("the batch read ahead is not written after a failure").hasSize(1);
        assertThat(cursor.position()).isEqualTo(before);

        failFirstWrite = false;
        writes.clear();
        assertThat(pass.run(owner)).isIn(IndexingPass.Result.INDEXED, IndexingPass.Result.MORE);
        while (pass.run(owner) != IndexingPass.Result.IDLE) {
            // a step ends after half the lease: a slow machine may need another
        }
        assertThat(cursor.position().eventId()).isEqualTo(events.get(events.size() - 1));
        assertThat(writes.stream().flatMap(w -> ids(w).stream()).filter(id -> id.startsWith("audit-")))
                .containsExactlyInAnyOrder(audit(events, 0, 1, 2, 3, 4, 5));
        assertThat(jdbc.sql("select count(*) from search_failure").query(Long.class).single())
                .as("an outage refuses no document").isZero();
    }

    private String newCase() {
        String id = "pass-" + UUID.randomUUID();
        jdbc.sql("""
                insert into org_unit (code, name, type, parent_code, path)
                values ('PX', '索引测试党委', 'COMMITTEE', null, '/PX/') on conflict do nothing""").update();
        jdbc.sql("""
                insert into case_record (id, process_key, subject, org_code, org_path, starter, status, started_at)
                values (?, 'report', '索引测试情况报告', 'PX', '/PX/', 'sec1', 'ACTIVE', now())""").param(id).update();
        jdbc.sql("""
                insert into act_hi_taskinst (id_, rev_, proc_inst_id_, task_def_key_, name_, assignee_, start_time_,
                                             tenant_id_)
                select ? || '-t' || s, 1, ?, 'branchReview', '支部审核', 'sec1', now(), ''
                  from generate_series(1, 2) s""").params(id, id).update();
        return id;
    }

    private long record(String chain) {
        return trail.record(new AuditEntry("sec1", "PX", AuditAction.COMMENTED, chain, null, null, Map.of(),
                "批次意见", null)).id();
    }

    private static List<String> with(String[] first, String... more) {
        List<String> out = new ArrayList<>(List.of(first));
        out.addAll(List.of(more));
        return out;
    }

    private static List<String> ids(List<SearchDocument> documents) {
        return documents.stream().map(SearchDocument::id).toList();
    }

    private static String[] audit(List<Long> events, int... at) {
        String[] out = new String[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = "audit-" + events.get(at[i]);
        }
        return out;
    }
}
