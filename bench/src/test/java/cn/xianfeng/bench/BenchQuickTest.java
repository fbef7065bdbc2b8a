package cn.xianfeng.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench in quick mode (small data set) completes, reports every section and every target of issue 17 with sane
 * numbers, on PostgreSQL with production durability, and sees no errors. Timings are not asserted (CI machines vary).
 */
class BenchQuickTest {

    @Test
    void theQuickBenchReportsEverySectionAndTargetWithFiniteNumbersAndNoErrors() throws Exception {
        Path out = Path.of("target", "bench-quick");
        Report report = Bench.run(Bench.Mode.QUICK, out, Path.of(System.getProperty("xianfeng.portal.jar")));

        assertThat(report.rows).extracting(Report.Row::section).map(s -> s.substring(0, 1)).containsAll(List.of("1", "2", "3", "4", "5", "6"));
        for (String target : Report.TARGETS) {
            assertThat(report.targetRow(target)).as(target).isPresent();
        }
        for (Report.Row row : report.rows) {
            if (row.measure().contains("(informational)")) {
                continue;
            }
            assertThat(Double.isFinite(row.value())).as(row.measure() + " is a number").isTrue();
            if (row.measure().startsWith("errors") || row.measure().contains("not completed")
                    || row.measure().contains("broken") || row.measure().contains("died")
                    || row.measure().contains("never searchable") || row.measure().contains("missing")) {
                assertThat(row.value()).as(row.measure()).isZero();
            } else {
                assertThat(row.value()).as(row.measure() + " is positive").isPositive();
            }
        }
        // every thread is counted: the engine's step costs at least what its calling thread executed, and commits
        assertThat(value(report, "engine path, SQL statements per step, all threads"))
                .isGreaterThanOrEqualTo(value(report, "engine path, SQL statements per step, calling thread"));
        assertThat(value(report, "engine path, commits per step, all threads")).isGreaterThanOrEqualTo(1);
        // the portal's statements are counted by PostgreSQL: a completion over HTTP runs at least raw Flowable's
        assertThat(report.rows).filteredOn(r -> r.section().startsWith("3 HTTP completion-only")
                        && r.measure().startsWith("SQL statements per request"))
                .singleElement().extracting(Report.Row::value).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.DOUBLE)
                .isGreaterThanOrEqualTo(value(report, "raw Flowable, SQL statements per step, all threads"));
        assertThat(report.facts.get("PostgreSQL").toString()).contains("fsync=on", "synchronous_commit=on",
                "pg_stat_statements loaded");
        // where the cores went while Elasticsearch indexed: each part named that ran, in cores
        assertThat(report.facts.get("machine CPU, rebuild").toString())
                .containsPattern("bench JVM \\d\\.\\d\\d").containsPattern("Elasticsearch \\d\\.\\d\\d")
                .containsPattern("PostgreSQL \\d\\.\\d\\d").contains("cores of ");
        // and where Elasticsearch's own time went in each timed part, after the untimed warm-up of both
        assertThat(report.facts.get("Elasticsearch's work, rebuild").toString())
                .containsPattern("indexing \\d+\\.\\d s").contains("merging", "GC");
        assertThat(report.facts.get("rebuild").toString()).contains("both once untimed before");
        assertThat(report.facts.entrySet()).filteredOn(f -> f.getKey().startsWith("machine CPU, 3 HTTP completion-only"))
                .singleElement().extracting(f -> f.getValue().toString()).asString()
                .containsPattern("portal \\d\\.\\d\\d");
        // and within the portal, which threads: the request threads did the completions' work
        assertThat(report.facts.entrySet()).filteredOn(f -> f.getKey()
                        .startsWith("portal CPU per request by thread kind, 3 HTTP completion-only"))
                .singleElement().extracting(f -> f.getValue().toString()).asString()
                .containsPattern("request threads \\d+\\.\\d\\d ms");
        String md = Files.readString(out.resolve("latest.md"));
        assertThat(md).contains("## Targets (issue 17", "| 1 engine path |", "EXPLAIN ANALYZE", "| 5 memory |",
                "How the figures are taken");
        assertThat(md).doesNotContain("not measured in this run");
        // the server's side of the append and the rebuild, statement by statement (the lag probe's own among them)
        assertThat(md).contains("## PostgreSQL's statements: 6 audit append with indexing (PostgreSQL search",
                "| statement | calls per event | ms per event |", "## PostgreSQL's statements: 6 rebuild (timed run)",
                "from search_document where id = any");
        assertThat(Files.readString(out.resolve("latest.json"))).startsWith("{").contains("\"rows\"", "\"issueTarget\"")
                .doesNotContain("NaN");
    }

    private static double value(Report report, String measure) {
        return report.rows.stream().filter(r -> r.measure().equals(measure)).findFirst().orElseThrow(
                () -> new AssertionError("no row " + measure)).value();
    }
}
