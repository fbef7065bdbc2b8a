package cn.xianfeng.workflow;

import org.flowable.common.engine.impl.interceptor.Command;
import org.flowable.common.engine.impl.interceptor.CommandContext;
import org.flowable.job.service.JobServiceConfiguration;
import org.flowable.job.service.impl.persistence.entity.TimerJobEntity;

/**
 * {@code ManagementService.moveTimerToExecutableJob}, except for a timer the async executor has already acquired
 * (locked): the executor moves that one itself a moment later, and moving it here too made the executor's insert of
 * the same job id fail ({@code act_ru_job_pkey}, logged by Flowable as an error). Any lock counts, expired or not: a
 * clock move makes every lock look expired, and the executor resets the locks of a node that died.
 * Returns whether this command moved the timer.
 */
final class MoveTimerUnlessAcquired implements Command<Boolean> {

    private final String timerId;
    private final JobServiceConfiguration jobs;

    MoveTimerUnlessAcquired(String timerId, JobServiceConfiguration jobs) {
        this.timerId = timerId;
        this.jobs = jobs;
    }

    @Override
    public Boolean execute(CommandContext commandContext) {
        TimerJobEntity timer = jobs.getTimerJobEntityManager().findById(timerId);
        if (timer == null || timer.getLockOwner() != null) {
            return false;
        }
        jobs.getJobManager().moveTimerJobToExecutableJob(timer);
        return true;
    }
}
