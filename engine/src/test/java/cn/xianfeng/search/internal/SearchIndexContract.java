package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.Kind;
import cn.xianfeng.search.SearchTypes.SearchDocument;
import cn.xianfeng.search.SearchTypes.SearchHit;
import cn.xianfeng.search.SearchTypes.SearchQuery;
import cn.xianfeng.search.SearchTypes.SearchResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every search adapter must answer the same way; each adapter's test runs it against its real store. */
abstract class SearchIndexContract {

    static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

    abstract SearchIndex index();

    /** Writes and makes searchable, as the indexer's writes become within the refresh interval. */
    void put(List<SearchDocument> documents) {
        assertThat(index().index(documents).rejected()).as("refused documents").isEmpty();
        index().refresh();
    }

    @BeforeEach
    void documents() {
        index().clear();
        put(List.of(
                doc("audit-1", "c1", "report", "/K/K-T/K-T-B1/", "sec1", "TASK_COMPLETED", T0, "同意，报组织员归档"),
                doc("audit-2", "c1", "report", "/K/K-T/K-T-B1/", "member1", "CASE_STARTED", T0.minusSeconds(60),
                        "三季度学习情况 集中学习三次"),
                doc("audit-3", "c2", "report", "/K/K-T/K-T-B2/", "sec2", "TASK_COMPLETED", T0.plusSeconds(3600),
                        "材料不全，退回补充"),
                doc("audit-4", "c3", "admission", "/Q/", "q1", "CASE_STARTED", T0, "另一个县的学习情况")));
    }

    static SearchDocument doc(String id, String caseId, String process, String path, String actor, String action,
                              Instant at, String text) {
        String org = path.substring(path.lastIndexOf('/', path.length() - 2) + 1, path.length() - 1);
        return new SearchDocument(id, caseId, process, "案件" + caseId, org, path, actor, action, null, at, text);
    }

    static SearchQuery query(String text, List<String> paths) {
        return new SearchQuery(text, null, null, null, null, null, null, paths, 0, 20);
    }

    @Test
    void findsAChinesePhraseAndHighlightsIt() {
        SearchResult r = index().search(query("组织员归档", null));
        assertThat(r.total()).isEqualTo(1);
        assertThat(r.items().get(0).id()).isEqualTo("audit-1");
        assertThat(r.items().get(0).highlight()).contains("<em>");
    }

    @Test
    void limitsResultsToTheViewersSubtrees() {
        assertThat(index().search(query("学习情况", null)).total()).isEqualTo(2);
        assertThat(index().search(query("学习情况", List.of("/K/"))).items())
                .extracting(h -> h.id()).containsExactly("audit-2");
        assertThat(index().search(query(null, List.of("/K/K-T/K-T-B2/"))).items())
                .extracting(h -> h.id()).containsExactly("audit-3");
        assertThat(index().search(query(null, List.of())).total()).isZero();
    }

    @Test
    void filtersByActorActionAndTimeNewestFirstWithFacets() {
        SearchResult completed = index().search(new SearchQuery(null, "report", null, null, "TASK_COMPLETED",
                T0, T0.plusSeconds(7200), null, 0, 20));
        assertThat(completed.items()).extracting(h -> h.id()).containsExactly("audit-3", "audit-1");
        assertThat(index().search(new SearchQuery(null, null, null, "member1", null, null, null, null, 0, 20)).items())
                .extracting(h -> h.id()).containsExactly("audit-2");
        assertThat(index().search(query(null, null)).facets().get("process"))
                .containsEntry("report", 3L).containsEntry("admission", 1L);
    }

    @Test
    void escapesMarkupInExcerpts() {
        put(List.of(doc("audit-9", "c9", "report", "/K/", "x", "COMMENTED", T0, "<script>alert(1)</script> 归档")));
        SearchResult r = index().search(query("归档", List.of("/K/")));
        assertThat(r.items()).allSatisfy(h -> assertThat(h.highlight()).doesNotContain("<script>"));
        assertThat(index().count()).isEqualTo(5);
    }

    static final Instant DUE = T0.plusSeconds(86_400 * 30);

    static SearchDocument caseDoc(long version, String status, Instant ended) {
        return new SearchDocument("case-c1", Kind.CASE, "c1", "report", "关于三季度学习的情况报告", "K-T-B1",
                "/K/K-T/K-T-B1/", "member1", null, null, T0.minusSeconds(120), "在社区志愿服务中表现突出 同意",
                "关于三季度学习的情况报告", status, List.of(), null, ended, version);
    }

    static SearchDocument taskDoc() {
        return new SearchDocument("task-t1", Kind.TASK, "c1", "report", "关于三季度学习的情况报告", "K-T-B1",
                "/K/K-T/K-T-B1/", null, null, "branchReview", T0.minusSeconds(90), null, "支部书记审核", "OPEN",
                List.of("SECRETARY@K-T-B1", "sec1"), DUE, null, 2);
    }

    static SearchQuery kind(Kind kind, String text) {
        return new SearchQuery(text, kind, null, null, null, null, null, null, null, 0, 20);
    }

    @Test
    void indexesCasesAndTasksBesideAuditEventsAndFiltersByKind() {
        put(List.of(caseDoc(2, "ACTIVE", null), taskDoc()));
        assertThat(index().search(kind(null, "志愿服务")).items()).extracting(SearchHit::id).containsExactly("case-c1");
        assertThat(index().search(kind(Kind.TASK, null)).items()).extracting(SearchHit::id).containsExactly("task-t1");
        assertThat(index().search(kind(Kind.AUDIT, null)).total()).isEqualTo(4);
        assertThat(index().search(kind(Kind.CASE, "学习")).items()).extracting(SearchHit::kind)
                .containsExactly(Kind.CASE);

        SearchHit task = index().search(kind(Kind.TASK, null)).items().get(0);
        assertThat(task.name()).isEqualTo("支部书记审核");
        assertThat(task.status()).isEqualTo("OPEN");
        assertThat(task.candidates()).containsExactlyInAnyOrder("SECRETARY@K-T-B1", "sec1");
        assertThat(task.due()).isEqualTo(DUE);
        assertThat(task.caseId()).isEqualTo("c1");
        assertThat(task.stepId()).isEqualTo("branchReview");
        assertThat(index().count()).isEqualTo(6);
    }

    @Test
    void highlightsMatchesInEveryKind() {
        put(List.of(caseDoc(2, "ACTIVE", null), taskDoc()));
        assertThat(index().search(kind(Kind.TASK, "书记审核")).items())
                .singleElement().satisfies(h -> assertThat(h.highlight()).contains("<em>").contains("审"));
        assertThat(index().search(kind(Kind.CASE, "志愿服务")).items())
                .singleElement().satisfies(h -> assertThat(h.highlight()).contains("<em>").contains("社区"));
        assertThat(index().search(kind(Kind.AUDIT, "退回补充")).items())
                .singleElement().satisfies(h -> assertThat(h.highlight()).contains("<em>"));
    }

    @Test
    void countsFacetsByKindProcessActionOrgAndActor() {
        put(List.of(caseDoc(2, "ACTIVE", null), taskDoc()));
        var facets = index().search(query(null, List.of("/K/"))).facets();
        assertThat(facets).containsOnlyKeys("kind", "process", "action", "org", "actor");
        assertThat(facets.get("kind")).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("AUDIT", 3L, "CASE", 1L, "TASK", 1L));
        assertThat(facets.get("process")).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("report", 5L));
        assertThat(facets.get("action")).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("TASK_COMPLETED", 2L, "CASE_STARTED", 1L));
        assertThat(facets.get("org")).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("K-T-B1", 4L, "K-T-B2", 1L));
        assertThat(facets.get("actor")).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("member1", 2L, "sec1", 1L, "sec2", 1L));
        assertThat(index().search(kind(Kind.TASK, null)).facets().get("kind")).containsOnlyKeys("TASK");
    }

    @Test
    void anOlderDerivationNeverReplacesANewerOne() {
        Instant ended = T0.plusSeconds(7200);
        put(List.of(caseDoc(5, "COMPLETED", ended)));
        put(List.of(caseDoc(3, "ACTIVE", null)));
        SearchHit hit = index().search(kind(Kind.CASE, null)).items().get(0);
        assertThat(hit.status()).isEqualTo("COMPLETED");
        assertThat(hit.ended()).isEqualTo(ended);
        put(List.of(caseDoc(6, "CANCELLED", ended)));
        assertThat(index().search(kind(Kind.CASE, null)).items().get(0).status()).isEqualTo("CANCELLED");
    }

    @Test
    void loadsABatchForARebuild() {
        index().clear();
        List<SearchDocument> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(doc("audit-b" + i, "cb" + i, "report", "/K/", "x", "COMMENTED", T0.plusSeconds(i), "批量" + i));
        }
        put(batch);
        assertThat(index().count()).isEqualTo(300);
        assertThat(index().search(query("批量299", null)).items()).extracting(SearchHit::id).containsExactly("audit-b299");
    }

    @Test
    void storesValuesOfAnyLengthTheSourcesHold() {
        // a user name typed at sign-in is recorded whole in the audit trail (text): the index must take it too
        String name65 = "u".repeat(65);
        String name10k = "长".repeat(10_000);
        SearchDocument a = new SearchDocument("audit-long1", null, null, null, "K", "/K/", name65, "LOGIN_FAILED",
                null, T0, "");
        SearchDocument b = new SearchDocument("audit-long2", null, null, null, "K", "/K/", name10k, "LOGIN_FAILED",
                "s".repeat(10_000), T0.plusSeconds(1), "长文本".repeat(50_000));
        put(List.of(a, b));
        assertThat(index().count()).isEqualTo(6);
        assertThat(index().search(new SearchQuery(null, null, null, name65, null, null, null, null, 0, 20)).items())
                .extracting(SearchHit::id).containsExactly("audit-long1");
        SearchResult failed = index().search(new SearchQuery(null, null, null, null, "LOGIN_FAILED", null, null, null,
                0, 20));
        assertThat(failed.items()).extracting(SearchHit::id).containsExactly("audit-long2", "audit-long1");
        assertThat(failed.items().get(0).actor()).isEqualTo(name10k);
        assertThat(failed.items().get(0).stepId()).hasSize(10_000);
    }

    @Test
    void aRebuildServesNothingNewUntilPublishedThenOnlyTheNew() {
        SearchIndex.Generation next = index().rebuilding();
        try {
            assertThat(next.load(List.of(doc("audit-n1", "c1", "report", "/K/", "x", "COMMENTED", T0, "重建的文档"),
                    doc("audit-n2", "c2", "report", "/K/", "x", "COMMENTED", T0, "重建的文档二"))).rejected()).isEmpty();
            assertThat(next.count()).isEqualTo(2);
            assertThat(index().search(query("重建的文档", null)).total()).as("not yet published").isZero();
            assertThat(index().count()).as("the serving index is untouched").isEqualTo(4);
            next.publish();
        } catch (RuntimeException e) {
            next.discard();
            throw e;
        }
        assertThat(index().search(query("重建的文档", null)).items()).extracting(SearchHit::id)
                .containsExactlyInAnyOrder("audit-n1", "audit-n2");
        assertThat(index().count()).as("the former documents are gone with the former index").isEqualTo(2);
        put(List.of(doc("audit-n3", "c3", "report", "/K/", "x", "COMMENTED", T0, "之后的写入")));
        assertThat(index().search(query("之后的写入", null)).total()).as("writes reach the published index").isEqualTo(1);
        assertThat(index().rebuilding()).satisfies(again -> {
            again.load(List.of(doc("audit-n9", "c9", "report", "/K/", "x", "COMMENTED", T0, "丢弃")));
            again.discard();
        });
        assertThat(index().count()).as("a discarded rebuild leaves the serving index alone").isEqualTo(3);
        assertThat(index().search(query("丢弃", null)).total()).isZero();
    }
}
