package cn.xianfeng.search.internal;

import cn.xianfeng.TestCounty;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.search.SearchTypes.Kind;
import cn.xianfeng.search.SearchTypes.SearchHit;
import cn.xianfeng.search.SearchTypes.SearchQuery;
import cn.xianfeng.search.SearchTypes.SearchResult;
import cn.xianfeng.testing.Elasticsearch;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.testing.RealServices;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.Tasks;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Elasticsearch down while work goes on: indexing fails and the cursor stays where it was, and once it is back
 * the indexer goes on from there — the index count ends equal to PostgreSQL's, nothing counted as refused, and the
 * case is found by the comment made while Elasticsearch was down.
 */
@SpringBootTest(properties = "flowable.async-executor-activate=false")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class IndexingOutageTest {

    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("xianfeng.elasticsearch.uris", () -> RealServices.elasticsearch().uri().toString());
        registry.add("xianfeng.elasticsearch.index", () -> "outage-" + ProcessHandle.current().pid());
    }

    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired People people;
    @Autowired Orgs orgs;
    @Autowired JdbcClient jdbc;
    @Autowired SearchIndex index;
    @Autowired IndexingCursor cursor;
    @Autowired IndexingWorker worker;
    @Autowired cn.xianfeng.dues.DuesBases bases;
    @Autowired cn.xianfeng.dues.DuesLedger ledger;
    @Autowired java.time.Clock clock;

    @Test
    void eventsRecordedWhileElasticsearchIsDownAreIndexedOnceItIsBack() throws Exception {
        Elasticsearch es = RealServices.elasticsearch();
        TestCounty.create(orgs, people);
        people.create(new NewPerson("outage1", "断线党员", LocalDate.of(1990, 1, 1), "K-T-B1", MemberStatus.FULL,
                LocalDate.of(2015, 7, 1), TestCounty.PASSWORD), "admin");
        cn.xianfeng.TestDues.paidUp(bases, ledger, "outage1", clock);
        String caseId = cases.start(new StartCase("relation-transfer", null, Map.of("toOrgCode", "K-T-B2",
                "reason", "断线期间的转接")), "outage1", ZH).id();
        waitFor(() -> index.count() == documents(), "indexed while up");
        assertThat(tasksOf(caseId, "OPEN")).as("the first task indexed as open").hasSize(1);

        try {
            es.stop();
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("Elasticsearch is not managed by the tests: " + e.getMessage());
        }
        try {
            long before = auditEvents();
            String task = cases.view(caseId, "admin").current().get(0).taskId();
            tasks.complete(task, Map.of("decision", "APPROVE"),
                    "支部同意，断线期间办理", "sec1", ZH);
            long recorded = auditEvents() - before;
            assertThat(recorded).isPositive();
            long passes = worker.passes();
            waitFor(() -> worker.passes() >= passes + 3, "the indexer tried while Elasticsearch was down");
            assertThat(cursor.position().eventId()).as("the cursor waits before the events recorded meanwhile")
                    .isLessThan(lastEventId());
        } finally {
            es.start();
        }
        // (whether the index is still behind once Elasticsearch answers again is a race with the indexer: the cursor
        // position above shows that nothing was indexed while it was down)
        waitFor(() -> index.count() == documents(), "every event, case and task indexed after the outage");
        assertThat(index.count()).isEqualTo(documents());
        assertThat(failures()).as("an outage refuses no document").isZero();
        assertThat(cursor.position().eventId()).isEqualTo(lastEventId());
        assertThat(search(Kind.AUDIT, null).total()).as("every audit event").isEqualTo(auditEvents());
        assertThat(search(Kind.CASE, null).total()).isEqualTo(1);
        assertThat(search(Kind.TASK, null).total()).isEqualTo(count("select count(*) from act_hi_taskinst"));

        // the case and its tasks show the state after the outage, not the state before it
        assertThat(tasksOf(caseId, "COMPLETED")).as("the task completed during the outage").hasSize(1);
        assertThat(tasksOf(caseId, "OPEN")).as("the next step's task").hasSize(1);
        SearchResult found = search(Kind.CASE, "断线期间办理");
        assertThat(found.items()).as("the case found by a phrase of the comment made during the outage")
                .extracting(h -> h.caseId()).containsExactly(caseId);
        assertThat(found.items().get(0).highlight()).contains("<em>");
    }

    private SearchResult search(Kind kind, String text) {
        return index.search(new SearchQuery(text, kind, null, null, null, null, null, null, null, 0, 100));
    }

    private java.util.List<SearchHit> tasksOf(String caseId, String status) {
        return search(Kind.TASK, null).items().stream()
                .filter(h -> caseId.equals(h.caseId()) && status.equals(h.status())).toList();
    }

    /** What PostgreSQL holds: every audit event, every case and every task of a case. */
    private long documents() {
        return auditEvents() + count("select count(*) from case_record")
                + count("select count(*) from act_hi_taskinst t join case_record c on c.id = t.proc_inst_id_");
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private long auditEvents() {
        return jdbc.sql("select count(*) from audit_event").query(Long.class).single();
    }

    private long failures() {
        return jdbc.sql("select count(*) from search_failure").query(Long.class).single();
    }

    private long lastEventId() {
        return jdbc.sql("select max(id) from audit_event").query(Long.class).single();
    }

    /** Elasticsearch may still be coming up (a failing probe is tried again); fails with what it last saw. */
    private static void waitFor(BooleanSupplier condition, String what) {
        cn.xianfeng.testing.Await.until(what, condition::getAsBoolean);
    }
}
