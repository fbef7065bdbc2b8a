package cn.xianfeng.search;

import cn.xianfeng.TestCounty;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.search.Reindex.Progress;
import cn.xianfeng.search.SearchTypes.Kind;
import cn.xianfeng.search.SearchTypes.SearchHit;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.testing.RealServices;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.WorkflowTypes.StartCase;
import cn.xianfeng.testing.Elasticsearch;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rebuild of 10,000 cases against a real Elasticsearch: it runs in the background, reports increasing
 * progress, refuses a second rebuild meanwhile, and ends with the index holding exactly what PostgreSQL holds.
 * The cases are written set-based into the real tables (starting 10,000 processes would take minutes).
 */
// the counts compare the index with the store: no scheduled job may record events meanwhile (on a loaded machine
// these tests outlast the jobs' first runs, 5 minutes after start, which record events of their own)
@SpringBootTest(properties = {"flowable.async-executor-activate=false", "xianfeng.search.reindex-batch=100",
        "xianfeng.meeting.compliance-initial-delay=PT24H", "xianfeng.dues.check-initial-delay=PT24H",
        "xianfeng.admission.reminder-initial-delay=PT24H", "xianfeng.points.dues-close-initial-delay=PT24H"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReindexTest {

    static final int CASES = 10_000;

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("xianfeng.elasticsearch.uris", () -> RealServices.elasticsearch().uri().toString());
        registry.add("xianfeng.elasticsearch.index", () -> "reindex-" + ProcessHandle.current().pid());
    }

    @Autowired Reindex reindex;
    @Autowired Search search;
    @Autowired Cases cases;
    @Autowired People people;
    @Autowired Orgs orgs;
    @Autowired JdbcClient jdbc;

    @Test
    @Order(1)
    void rebuildsTenThousandCasesWithProgressAndEqualCounts() throws Exception {
        TestCounty.create(orgs, people);
        String real = cases.start(new StartCase("report", null, Map.of("title", "重建前的情况报告",
                "content", "按时参加组织生活", "reportDate", "2026-01-05")), "member1", Locale.SIMPLIFIED_CHINESE).id();
        generateCases();
        long expected = count("select count(*) from audit_event") + count("select count(*) from case_record")
                + count("select count(*) from act_hi_taskinst t join case_record c on c.id = t.proc_inst_id_");
        assertThat(expected).isGreaterThan(5L * CASES);

        assertThatThrownBy(() -> reindex.start("sec1")).as("administrators only")
                .isInstanceOf(ForbiddenException.class);
        long began = System.nanoTime();
        Progress first = reindex.start("admin");
        assertThat(first.running()).isTrue();
        assertThatThrownBy(() -> reindex.start("admin")).as("one rebuild at a time").isInstanceOf(ConflictException.class);
        List<Progress> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        Progress p = reindex.progress("admin");
        while (p.running() && System.nanoTime() < deadline) {
            if (seen.isEmpty() || seen.get(seen.size() - 1).done() != p.done()) {
                seen.add(p);
            }
            Thread.sleep(20);
            p = reindex.progress("admin");
        }
        Progress last = p;
        System.out.printf("reindex of %d documents took %d ms, %d progress observations%n", expected,
                Duration.ofNanos(System.nanoTime() - began).toMillis(), seen.size());

        assertThat(last.phase()).as(String.valueOf(last.error())).isEqualTo("DONE");
        assertThat(last.running()).isFalse();
        assertThat(last.finishedAt()).isAfterOrEqualTo(last.startedAt());
        assertThat(seen.stream().map(Progress::done).distinct().count()).as("several progress observations")
                .isGreaterThanOrEqualTo(3);
        assertThat(seen).extracting(Progress::done).isSorted();
        assertThat(seen).allSatisfy(o -> assertThat(o.done()).isLessThanOrEqualTo(o.total()));
        assertThat(last.done()).isEqualTo(last.total()).isEqualTo(expected);
        assertThat(last.indexed()).isEqualTo(expected);
        assertThat(last.expected()).isEqualTo(expected);
        assertThat(last.complete()).isTrue();
        assertThat(last.percent()).isEqualTo(100);

        assertThat(search(Kind.CASE, null).total()).isEqualTo(CASES + 1);
        assertThat(search(Kind.TASK, null).total()).isEqualTo(2L * CASES + 1);
        assertThat(search(Kind.CASE, "第7777号批注").items()).extracting(SearchHit::caseId).containsExactly("gen-07777");
        assertThat(search(Kind.CASE, "组织生活").items()).extracting(SearchHit::caseId).containsExactly(real);
        assertThat(search(Kind.TASK, null).items()).filteredOn(h -> real.equals(h.caseId())).singleElement()
                .satisfies(h -> assertThat(h.candidates()).as("the real case's task, offered to a group").isNotEmpty());
        assertThat(search(Kind.TASK, null).facets().get("kind")).containsEntry("TASK", 2L * CASES + 1);
        assertThat(search.search(new Search.Request(null, Kind.TASK, null, null, null, null, null, null, 0, 200),
                "admin").items()).filteredOn(h -> "OPEN".equals(h.status())).isNotEmpty()
                .allSatisfy(h -> assertThat(h.candidates()).as("the groups an open task is offered to").isNotEmpty());

    }

    /**
     * Elasticsearch stopped while a rebuild loads its new index: the rebuild fails, and once Elasticsearch is back
     * the former index answers as before (it was never cleared); the next rebuild succeeds and swaps.
     */
    @Test
    @Order(2)
    void aRebuildThatFailsMidwayLeavesTheFormerIndexServing() throws Exception {
        Elasticsearch es = RealServices.elasticsearch();
        if (count("select count(*) from case_record where id like 'gen-%'") == 0) {
            TestCounty.create(orgs, people);
            generateCases();
            assertThat(reindex.runNow(p -> { }).complete()).isTrue();
        }
        long served = search(null, null).total();
        assertThat(served).isGreaterThan(5L * CASES);

        reindex.start("admin");
        waitFor(() -> reindex.progress("admin").done() > 0 || !reindex.progress("admin").running(), "loading began");
        assertThat(reindex.progress("admin").running()).as("still loading when Elasticsearch goes").isTrue();
        try {
            es.stop();
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("Elasticsearch is not managed by the tests: " + e.getMessage());
        }
        try {
            waitFor(() -> !reindex.progress("admin").running(), "the rebuild ended");
        } finally {
            es.start();
        }
        Progress failed = reindex.progress("admin");
        assertThat(failed.phase()).isEqualTo("FAILED");
        assertThat(failed.error()).isNotBlank();
        waitFor(() -> {
            try {
                return search(null, null).total() == served;
            } catch (RuntimeException e) {
                return false;
            }
        }, "the former index serving again, whole");
        assertThat(search(Kind.CASE, "第7777号批注").items()).extracting(SearchHit::caseId).containsExactly("gen-07777");

        Progress again = reindex.runNow(p -> { });
        assertThat(again.phase()).as(String.valueOf(again.error())).isEqualTo("DONE");
        assertThat(again.complete()).isTrue();
        assertThat(search(null, null).total()).isEqualTo(served);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out: " + what);
    }

    private SearchTypes.SearchResult search(Kind kind, String q) {
        return search.search(new Search.Request(q, kind, null, null, null, null, null, null, 0, 20), "admin");
    }

    /** Two audit events and two tasks (one done, one open) per case, spread over both branches. */
    private void generateCases() {
        jdbc.sql("""
                insert into case_record (id, process_key, subject, org_code, org_path, starter, status, started_at,
                                         ended_at)
                select 'gen-' || lpad(i::text, 5, '0'), 'report', '批量情况报告' || i,
                       case when i % 2 = 0 then 'K-T-B1' else 'K-T-B2' end,
                       case when i % 2 = 0 then '/K/K-T/K-T-B1/' else '/K/K-T/K-T-B2/' end, 'member1',
                       case when i % 3 = 0 then 'COMPLETED' else 'ACTIVE' end, now() - i * interval '1 minute',
                       case when i % 3 = 0 then now() else null end
                  from generate_series(1, ?) i""").param(CASES).update();
        jdbc.sql("""
                insert into audit_event (chain, seq, at, actor, org_code, action, case_id, step_id, data, comment,
                                         data_digest, prev_hash, hash)
                select c.id, s, c.started_at + s * interval '1 second', case when s = 1 then 'member1' else 'sec1' end,
                       c.org_code, case when s = 1 then 'CASE_STARTED' else 'TASK_COMPLETED' end, c.id,
                       case when s = 1 then null else 'branchReview' end,
                       case when s = 1 then jsonb_build_object('title', c.subject, 'content', '学习内容' || c.id)
                            else jsonb_build_object('decision', 'APPROVE') end,
                       case when s = 2 then '第' || substr(c.id, 5)::int || '号批注：材料齐全' end,
                       md5(c.id || s), md5(c.id || (s - 1)), md5(c.id || s || 'h')
                  from case_record c cross join generate_series(1, 2) s where c.id like 'gen-%'""").update();
        jdbc.sql("""
                insert into act_hi_taskinst (id_, rev_, proc_inst_id_, task_def_key_, name_, assignee_, start_time_,
                                             end_time_, due_date_, tenant_id_)
                select c.id || '-t' || s, 1, c.id, case when s = 1 then 'branchReview' else 'committeeReview' end,
                       case when s = 1 then '支部审核' else '党委审核' end, case when s = 1 then 'sec1' end,
                       c.started_at + s * interval '1 second', case when s = 1 then c.started_at + interval '1 hour' end,
                       c.started_at + interval '30 days', ''
                  from case_record c cross join generate_series(1, 2) s where c.id like 'gen-%'""").update();
        jdbc.sql("""
                insert into act_hi_identitylink (id_, group_id_, type_, task_id_, proc_inst_id_, create_time_)
                select c.id || '-l', 'COMMITTEE_REVIEWER@K-T', 'candidate', c.id || '-t2', null, c.started_at
                  from case_record c where c.id like 'gen-%'""").update();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
