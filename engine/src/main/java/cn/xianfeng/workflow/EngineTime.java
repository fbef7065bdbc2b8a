package cn.xianfeng.workflow;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.AdjustableClock;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.common.TimeCheck;
import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.flowable.engine.ManagementService;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.job.api.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves the application's (and so Flowable's) clock when it is adjustable, fires the timers that fell due, then runs
 * the {@link TimeCheck}s, so that rules spanning months and years can be shown and tested. Refused (404) on a
 * normal clock. A move that fails leaves the clock where it was.
 * <p>
 * With Flowable's async executor running (production, and the portal), due timers are handed to the executor — moved
 * to its executable jobs, which it locks before it runs them — and the move waits until none is due or running. A
 * request thread never executes a job itself: running the executor's job beside it made both fail, and
 * {@code ManagementService.executeJob}'s failure listener then waited, in a second transaction, for a row lock its
 * own first transaction held, for ever (issue 14). Only with the executor off (engine tests) are timers run here.
 */
@Service
public class EngineTime {

    private static final Logger LOG = LoggerFactory.getLogger(EngineTime.class);
    private static final int MAX_ROUNDS = 200;
    private static final int MAX_MOVE_FAILURES = 3;

    private final Clock clock;
    private final ManagementService management;
    private final ProcessEngineConfigurationImpl engine;
    private final ObjectProvider<TimeCheck> checks;
    private final Duration fireTimeout;

    EngineTime(Clock clock, ManagementService management, ProcessEngineConfigurationImpl engine,
               ObjectProvider<TimeCheck> checks, @Value("${xianfeng.clock.fire-timeout:PT2M}") Duration fireTimeout) {
        this.clock = clock;
        this.management = management;
        this.engine = engine;
        this.checks = checks;
        this.fireTimeout = fireTimeout;
    }

    /** What a move did: the clock's new time, the timers that fired, and what each time check raised. */
    public record Moved(Instant now, int timersFired, Map<String, Integer> checks) {
    }

    public boolean adjustable() {
        return clock instanceof AdjustableClock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Sets the clock, fires due timers and runs the time checks; returns how many timers fired. */
    public int moveTo(Instant now) {
        return move(now).timersFired();
    }

    /** One move at a time: the clock, the timers and the checks of one move belong together. */
    public synchronized Moved move(Instant now) {
        AdjustableClock adjustable = adjustableClock();
        Duration before = adjustable.offset();
        adjustable.set(now);
        try {
            int fired = fireDueTimers();
            return new Moved(clock.instant(), fired, runChecks());
        } catch (RuntimeException e) {
            adjustable.restore(before);
            LOG.warn("Clock move to {} failed; the clock is back where it was", now, e);
            throw e;
        }
    }

    public void reset() {
        adjustableClock().reset();
    }

    /** Runs every time check now; a failing check fails the whole run (and a clock move, which then undoes itself). */
    public Map<String, Integer> runChecks() {
        Map<String, Integer> raised = new LinkedHashMap<>();
        checks.orderedStream().forEach(check -> raised.put(check.name(), check.run()));
        return raised;
    }

    /** Jobs that failed: timers waiting for a retry with an exception, and dead letters. */
    public long failedJobs() {
        return management.createTimerJobQuery().withException().count() + management.createDeadLetterJobQuery().count();
    }

    /** Fires every timer due by now, including ones that firing makes due (a repeating cycle); returns how many. */
    public int fireDueTimers() {
        return executorRunning() ? fireThroughExecutor() : fireHere();
    }

    private boolean executorRunning() {
        return engine.getAsyncExecutor() != null && engine.getAsyncExecutor().isActive();
    }

    /** Hands due timers to the async executor and waits until none is due and no job is left to run. */
    private int fireThroughExecutor() {
        long deadline = System.nanoTime() + fireTimeout.toNanos();
        Set<String> fired = new HashSet<>();
        Map<String, Integer> failures = new HashMap<>();
        while (true) {
            List<Job> due = dueTimers(100);
            if (due.isEmpty() && management.createJobQuery().count() == 0) {
                return fired.size();
            }
            for (Job timer : due) {
                fired.add(timer.getId());
                try {
                    // false: gone or acquired by the executor, which runs it
                    engine.getCommandExecutor().execute(new MoveTimerUnlessAcquired(timer.getId(),
                            engine.getJobServiceConfiguration()));
                } catch (FlowableOptimisticLockingException taken) {
                    // the executor's own acquisition locked it while we moved it: it runs it
                } catch (RuntimeException e) {
                    // someone completed the step the timer is attached to while we moved it: the new job's execution
                    // was deleted under us (a foreign-key violation, not an optimistic-lock one). Gone is fine;
                    // a timer that is still there and keeps failing is a real failure.
                    if (timerGone(timer.getId())) {
                        fired.remove(timer.getId());
                        continue;
                    }
                    if (failures.merge(timer.getId(), 1, Integer::sum) >= MAX_MOVE_FAILURES) {
                        throw e;
                    }
                    LOG.info("Moving timer {} failed ({}); trying again", timer.getId(), e.getMessage());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new ConflictException(Refusal.of("workflow.timersTooSlow", String.valueOf(fireTimeout.toSeconds())));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConflictException(Refusal.of("workflow.clockInterrupted"));
            }
        }
    }

    /** Without an executor nobody else runs jobs: run them here, a bounded number of rounds. */
    private int fireHere() {
        int fired = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Job> due = dueTimers(50);
            if (due.isEmpty()) {
                return fired;
            }
            for (Job timer : due) {
                try {
                    Job executable = management.moveTimerToExecutableJob(timer.getId());
                    management.executeJob(executable.getId());
                    fired++;
                } catch (FlowableObjectNotFoundException taken) {
                    // fired meanwhile
                }
            }
        }
        return fired;
    }

    private boolean timerGone(String id) {
        return management.createTimerJobQuery().jobId(id).count() == 0;
    }

    private List<Job> dueTimers(int max) {
        return management.createTimerJobQuery().timers().duedateLowerThan(Date.from(clock.instant().plusMillis(1)))
                .orderByJobDuedate().asc().listPage(0, max);
    }

    private AdjustableClock adjustableClock() {
        if (clock instanceof AdjustableClock adjustable) {
            return adjustable;
        }
        throw new NotFoundException(Refusal.of("workflow.clockFixed"));
    }
}
