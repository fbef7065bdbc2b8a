package cn.xianfeng.portal;

import cn.xianfeng.portal.pool.BackgroundPool;
import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.context.ContextConfiguration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: background work takes its connections from a pool of its own, requests from the main one: the
 * application's executors are among the threads routed to it, and a connection taken on such a thread really is
 * the background pool's (and one taken on any other thread, as a request's, the main pool's).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "xianfeng.demo-password=demo-2026")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class BackgroundPoolTest {

    @Autowired DataSource dataSource;
    /** What {@code @Async} (so every {@code @ApplicationModuleListener}) runs on: the executor named so. */
    @Autowired @Qualifier("taskExecutor") Executor applicationTaskExecutor;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;

    @Test
    void listenersAndJobsUseTheBackgroundPoolAndRequestsTheMainOne() throws Exception {
        assertThat(dataSource).isInstanceOf(BackgroundPool.class);
        BackgroundPool pools = (BackgroundPool) dataSource;
        assertThat(pools.background().getMaximumPoolSize()).isEqualTo(6);
        assertThat(pools.background().getJdbcUrl()).startsWith(pools.main().getJdbcUrl());
        assertThat(pools.background().getUsername()).isEqualTo(pools.main().getUsername());

        Thread listener = CompletableFuture.supplyAsync(Thread::currentThread, applicationTaskExecutor)
                .get(2, TimeUnit.MINUTES);
        // the scheduler @Scheduled jobs were given: a probe scheduled on it
        ScheduledTaskRegistrar registrar = (ScheduledTaskRegistrar) ReflectionTestUtils.getField(
                context.getBean(ScheduledAnnotationBeanPostProcessor.class), "registrar");
        CompletableFuture<Thread> probe = new CompletableFuture<>();
        registrar.getScheduler().schedule(() -> probe.complete(Thread.currentThread()), java.time.Instant.now());
        Thread job = probe.get(2, TimeUnit.MINUTES);
        assertThat(pools.isBackground(listener)).as("after-commit listeners' thread %s", listener.getName()).isTrue();
        assertThat(pools.isBackground(job)).as("scheduled jobs' thread %s", job.getName()).isTrue();
        assertThat(job.getName()).as("jobs run on a pool of their own, not on the cluster locks' single keep-alive "
                + "thread (which the keep-alive's executor bean made Spring pick)").startsWith("scheduling-");
        assertThat(pools.isBackground(Thread.currentThread())).isFalse();

        // which pool hands out the connection: the background one on the executor's thread...
        String onListener = CompletableFuture.supplyAsync(() -> {
            try (Connection c = dataSource.getConnection()) {
                return poolOf(pools, c);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, applicationTaskExecutor).get(2, TimeUnit.MINUTES);
        assertThat(onListener).isEqualTo("background");
        // ... the main one here (a request's thread is no background thread either)
        try (Connection c = dataSource.getConnection()) {
            assertThat(poolOf(pools, c)).isEqualTo("main");
        }
        // and a statement on a listener thread through Spring's JdbcClient works
        assertThat(CompletableFuture.supplyAsync(() -> jdbc.sql("select 1").query(Integer.class).single(),
                applicationTaskExecutor).get(2, TimeUnit.MINUTES)).isEqualTo(1);
    }

    private static String poolOf(BackgroundPool pools, Connection held) throws Exception {
        try (var st = held.createStatement(); var rs = st.executeQuery("select current_setting('application_name')")) {
            rs.next();
            return BackgroundPool.APPLICATION_NAME.equals(rs.getString(1)) ? "background" : "main";
        }
    }
}
