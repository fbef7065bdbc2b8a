package cn.xianfeng.search.internal;

import cn.xianfeng.search.SearchTypes.Kind;
import cn.xianfeng.search.SearchTypes.SearchDocument;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which derived documents the indexer writes again: everything but task documents it stored exactly so. */
class WrittenTasksTest {

    private final WrittenTasks written = new WrittenTasks();

    @Test
    void aTaskDocumentStoredAsItIsNowIsNotWrittenAgainWhateverItsVersion() {
        SearchDocument task = task("t1", "sec1", 3);
        written.stored(List.of(task), Map.of());
        assertThat(written.changed(List.of(task("t1", "sec1", 4)))).isEmpty();
    }

    @Test
    void aChangedTaskDocumentIsWrittenAndEveryCaseAndAuditDocumentAlways() {
        SearchDocument task = task("t1", "sec1", 3);
        SearchDocument caseDocument = other(Kind.CASE, "case-c1");
        SearchDocument event = other(Kind.AUDIT, "audit-9");
        written.stored(List.of(task, caseDocument, event), Map.of());
        SearchDocument claimed = task("t1", "member2", 4);
        assertThat(written.changed(List.of(claimed, caseDocument, event))).containsExactly(claimed, caseDocument, event);
    }

    @Test
    void aRefusedDocumentAndAnyAfterForgettingAreWrittenAgain() {
        SearchDocument task = task("t1", "sec1", 3);
        written.stored(List.of(task), Map.of());
        written.stored(List.of(task), Map.of("task-t1", "mapping refused"));
        assertThat(written.changed(List.of(task))).containsExactly(task);

        written.stored(List.of(task), Map.of());
        written.forget();
        assertThat(written.changed(List.of(task))).containsExactly(task);
    }

    @Test
    void itHoldsAtMostItsCapacity() {
        for (int i = 0; i < WrittenTasks.CAPACITY + 100; i++) {
            written.stored(List.of(task("t" + i, "sec1", 1)), Map.of());
        }
        assertThat(written.size()).isEqualTo(WrittenTasks.CAPACITY);
        assertThat(written.changed(List.of(task("t0", "sec1", 1)))).as("the oldest was forgotten").hasSize(1);
    }

    private static SearchDocument task(String id, String assignee, long version) {
        return new SearchDocument("task-" + id, Kind.TASK, "c1", "report", "情况报告", "B001", "/C01/B001/", assignee,
                null, "branchReview", Instant.parse("2026-01-01T00:00:00Z"), null, "支部审核", "OPEN",
                List.of("SECRETARY@B001"), null, null, version);
    }

    private static SearchDocument other(Kind kind, String id) {
        return new SearchDocument(id, kind, "c1", "report", "情况报告", "B001", "/C01/B001/", "sec1", null, null,
                Instant.parse("2026-01-01T00:00:00Z"), "text", null, null, List.of(), null, null, 1);
    }
}
