package cn.xianfeng.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scripts/bench [--quick]}: runs the mode named by -Dxianfeng.bench.mode and writes the report. */
@EnabledIfSystemProperty(named = "xianfeng.bench.mode", matches = "full|quick")
class BenchRun {

    @Test
    void bench() throws Exception {
        Report report = Bench.run(Bench.Mode.named(System.getProperty("xianfeng.bench.mode")),
                Path.of(System.getProperty("xianfeng.bench.out")), Path.of(System.getProperty("xianfeng.portal.jar")));
        assertThat(report.rows).isNotEmpty();
    }
}
