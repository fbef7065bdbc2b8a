package cn.xianfeng.workflow;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.flowable.engine.ManagementService;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.job.service.JobServiceConfiguration;
import org.flowable.job.service.impl.persistence.entity.TimerJobEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clock move hands due timers to the executor, but leaves a timer the executor has already acquired to the
 * executor: moving that one too made the executor's own insert of the same job fail (a flaky ClockMoveTest).
 * On a real engine and PostgreSQL, with a bare timer job whose lock stands in for the executor's acquisition.
 */
@SpringBootTest(properties = {"xianfeng.clock.adjustable=true", "flowable.async-executor-activate=false"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class MoveTimerUnlessAcquiredTest {

    @Autowired ProcessEngineConfigurationImpl engine;
    @Autowired ManagementService management;

    private String timerId;

    @AfterEach
    void removeIt() {
        if (management.createJobQuery().jobId(timerId).count() > 0) {
            management.deleteJob(timerId);
        }
        if (management.createTimerJobQuery().jobId(timerId).count() > 0) {
            management.deleteTimerJob(timerId);
        }
    }

    @Test
    void aTimerTheExecutorAcquiredStaysItsToMoveAndAFreeOneIsMoved() {
        timerId = dueTimer();
        lockedBy(timerId, "node-b");

        assertThat(move(timerId)).isFalse();
        assertThat(management.createTimerJobQuery().jobId(timerId).count()).isEqualTo(1);
        assertThat(management.createJobQuery().jobId(timerId).count()).isZero();

        lockedBy(timerId, null);
        assertThat(move(timerId)).isTrue();
        assertThat(management.createTimerJobQuery().jobId(timerId).count()).isZero();
        assertThat(management.createJobQuery().jobId(timerId).count()).isEqualTo(1);

        assertThat(move(timerId)).as("gone by now").isFalse();
    }

    private boolean move(String id) {
        return engine.getCommandExecutor().execute(new MoveTimerUnlessAcquired(id, jobs()));
    }

    private String dueTimer() {
        return engine.getCommandExecutor().execute(context -> {
            TimerJobEntity timer = jobs().getTimerJobService().createTimerJob();
            timer.setJobType("timer");
            timer.setJobHandlerType("xianfeng-test-nothing");
            timer.setDuedate(new Date(System.currentTimeMillis() - 1000));
            timer.setRetries(3);
            jobs().getTimerJobService().insertTimerJob(timer);
            return timer.getId();
        });
    }

    /** What the executor's acquisition does (an update: a timer job is always inserted unlocked). */
    private void lockedBy(String id, String owner) {
        engine.getCommandExecutor().execute(context -> {
            TimerJobEntity timer = jobs().getTimerJobEntityManager().findById(id);
            timer.setLockOwner(owner);
            timer.setLockExpirationTime(owner == null ? null : new Date(System.currentTimeMillis() + 3_600_000));
            return null;
        });
    }

    private JobServiceConfiguration jobs() {
        return engine.getJobServiceConfiguration();
    }
}
