package cn.xianfeng.bench;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TailTest {

    @Test
    void aPauseIsReadFromTheGcLogWithItsStartAndLength() {
        Tail.Pause p = Tail.pause("[2026-12-02T07:30:01.250+0000][412.345s][info][gc] GC(57) Pause Young (Normal) "
                + "(G1 Evacuation Pause) 150M->50M(380M) 9.650ms").orElseThrow();
        assertThat(p.millis()).isEqualTo(9.65);
        // the line is written as the pause ends: it began 10 ms (rounded up) before
        assertThat(p.startMillis()).isEqualTo(Instant.parse("2026-12-02T07:30:01.240Z").toEpochMilli());
        assertThat(p.who()).isEqualTo("portal GC Pause Young");
    }

    @Test
    void linesThatAreNotPausesAreSkipped() {
        assertThat(Tail.pause("[2026-12-02T07:30:01.250+0000][0.012s][info][gc] Using G1")).isEmpty();
        assertThat(Tail.pause("[2026-12-02T07:30:01.250+0000][9.1s][info][gc] GC(3) Concurrent Mark Cycle 12.5ms"))
                .isEmpty();
    }
}
