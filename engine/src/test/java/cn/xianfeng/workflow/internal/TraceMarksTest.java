package cn.xianfeng.workflow.internal;

import cn.xianfeng.workflow.internal.TraceMarks.Pass;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The diagram's colours from a case's activity instances: a returned step is never painted done. */
class TraceMarksTest {

    static Instant t(int minute) {
        return Instant.parse("2026-11-01T08:00:00Z").plusSeconds(60L * minute);
    }

    @Test
    void aStraightRunMarksWhatEndedDoneAndWhatIsOpenCurrent() {
        var marks = TraceMarks.of(List.of(new Pass("start", t(0), t(0), null), new Pass("step01", t(1), t(2), null),
                new Pass("step02", t(3), null, null)));
        assertThat(marks.done()).containsExactly("start", "step01");
        assertThat(marks.current()).containsExactly("step02");
        assertThat(marks.returned()).isEmpty();
    }

    @Test
    void aStepSentBackIsReturnedNotDoneAndWhatFollowedTheReopenedStepIsUndone() {
        // step01, step02 and step03 done; step04 sent back (退回) to step02, which is open again
        var marks = TraceMarks.of(List.of(new Pass("step01", t(1), t(2), null), new Pass("step02", t(3), t(4), null),
                new Pass("step03", t(5), t(6), null), new Pass("step04", t(7), t(8), "Change activity to step02"),
                new Pass("step02", t(8), null, null)));
        assertThat(marks.returned()).containsExactly("step04");
        assertThat(marks.done()).containsExactly("step01");
        assertThat(marks.current()).containsExactly("step02");
    }

    @Test
    void whatEndedTheInstantTheReopenedStepFirstBeganStaysDone() {
        // Flowable stamps the start event, its flow and the first task with one instant
        var marks = TraceMarks.of(List.of(new Pass("start", t(0), t(0), null), new Pass("flow1", t(0), t(0), null),
                new Pass("review", t(0), t(1), null), new Pass("flow2", t(1), t(1), null),
                new Pass("archive", t(1), t(2), "Change activity to review"), new Pass("review", t(2), null, null)));
        assertThat(marks.done()).containsExactly("start", "flow1");
        assertThat(marks.returned()).containsExactly("archive");
        assertThat(marks.current()).containsExactly("review");
    }

    @Test
    void aReturnedStepDoneAgainIsDoneAgain() {
        var marks = TraceMarks.of(List.of(new Pass("review", t(1), t(2), null),
                new Pass("archive", t(3), t(4), "Change activity to review"), new Pass("review", t(4), t(5), null),
                new Pass("archive", t(6), null, null)));
        assertThat(marks.done()).containsExactly("review");
        assertThat(marks.returned()).isEmpty();
        assertThat(marks.current()).containsExactly("archive");
    }

    @Test
    void afterTheReopenedStepIsDoneAgainTheCaseMovesOnAndOnlyWhatIsStillAheadIsUndone() {
        var marks = TraceMarks.of(List.of(new Pass("step01", t(1), t(2), null), new Pass("step02", t(3), t(4), null),
                new Pass("step03", t(5), t(6), null), new Pass("step04", t(7), t(8), "Change activity to [step02]"),
                new Pass("step02", t(8), t(9), null), new Pass("step03", t(10), null, null)));
        assertThat(marks.done()).containsExactly("step01", "step02");
        assertThat(marks.current()).containsExactly("step03");
        assertThat(marks.returned()).containsExactly("step04");
    }

    @Test
    void aStepCancelledOtherwiseIsNeitherDoneNorReturned() {
        var marks = TraceMarks.of(List.of(new Pass("step01", t(1), t(2), null),
                new Pass("remind", t(2), t(3), "boundary event (timer) fired"), new Pass("end", t(3), t(3), null)));
        assertThat(marks.done()).containsExactly("step01", "end");
        assertThat(marks.returned()).isEmpty();
    }
}
