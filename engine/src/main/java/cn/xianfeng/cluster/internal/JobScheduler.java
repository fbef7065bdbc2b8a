package cn.xianfeng.cluster.internal;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The scheduler of the {@code @Scheduled} jobs, sized by {@code spring.task.scheduling.pool.*} (threads
 * "scheduling-N"). Without it Spring would take the cluster locks' keep-alive executor (the only
 * {@code ScheduledExecutorService} bean, which also makes Boot's own scheduler back off) and run every job on that
 * single thread: a long retention run would hold up the other jobs and the locks' keep-alives. Not a bean of its own:
 * a second {@code Executor} bean would make Boot's {@code applicationTaskExecutor} (the listeners') back off.
 */
@Component
class JobScheduler implements SchedulingConfigurer, DisposableBean {

    private final ThreadPoolTaskScheduler scheduler;

    JobScheduler(ObjectProvider<ThreadPoolTaskSchedulerBuilder> builder) {
        this.scheduler = builder.getIfAvailable(() -> new ThreadPoolTaskSchedulerBuilder().poolSize(2)
                .threadNamePrefix("scheduling-")).build();
        this.scheduler.initialize();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.setTaskScheduler(scheduler);
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
