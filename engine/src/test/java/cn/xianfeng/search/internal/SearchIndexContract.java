package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.SearchDocument;
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

    @BeforeEach
    void documents() {
        index().clear();
        index().index(List.of(
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
        index().index(List.of(doc("audit-9", "c9", "report", "/K/", "x", "COMMENTED", T0, "<script>alert(1)</script> 归档")));
        SearchResult r = index().search(query("归档", List.of("/K/")));
        assertThat(r.items()).allSatisfy(h -> assertThat(h.highlight()).doesNotContain("<script>"));
        assertThat(index().count()).isEqualTo(5);
    }
}
