package cn.xianfeng.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench in quick mode (small data set) completes, reports every section with sane numbers, and sees no errors. */
class BenchQuickTest {

    @Test
    void theQuickBenchReportsEverySectionWithFiniteNumbersAndNoErrors() throws Exception {
        Path out = Path.of("target", "bench-quick");
        Report report = Bench.run(Bench.Mode.QUICK, out, Path.of(System.getProperty("xianfeng.portal.jar")));

        assertThat(report.rows).extracting(Report.Row::section).map(s -> s.substring(0, 1)).containsAll(List.of("1", "2", "3", "4", "5", "6"));
        for (Report.Row row : report.rows) {
            assertThat(Double.isFinite(row.value())).as(row.measure() + " is a number").isTrue();
            if (row.measure().startsWith("errors") || row.measure().contains("not completed")
                    || row.measure().contains("broken") || row.measure().contains("died")
                    || row.measure().contains("never searchable") || row.measure().contains("missing")) {
                assertThat(row.value()).as(row.measure()).isZero();
            } else {
                assertThat(row.value()).as(row.measure() + " is positive").isPositive();
            }
        }
        assertThat(Files.readString(out.resolve("latest.md"))).contains("| 1 engine path |", "EXPLAIN ANALYZE", "| 5 memory |");
        assertThat(Files.readString(out.resolve("latest.json"))).startsWith("{").contains("\"rows\"").doesNotContain("NaN");
    }
}
