package cn.xianfeng.bench;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCpuTest {

    @Test
    void aThreadsCpuCountsForItsKindByName() throws Exception {
        ThreadCpu cpu = ThreadCpu.of(ProcessHandle.current().pid());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        java.util.concurrent.CountDownLatch spent300ms = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch measured = new java.util.concurrent.CountDownLatch(1);
        Thread busy = new Thread(() -> {
            long spent = 0;
            // busy until this thread itself has used 300 ms of CPU, however long a loaded machine makes that take
            while (threads.getCurrentThreadCpuTime() < 300_000_000L) {
                spent += System.nanoTime() % 7;
            }
            if (spent == 42) {
                System.out.print(""); // keeps the loop from being optimised away
            }
            spent300ms.countDown();
            try {
                measured.await(); // a thread that ended is gone from /proc/<pid>/task, and its CPU with it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "http-nio-8080-exec-1");
        busy.start();
        spent300ms.await();
        try {
            assertThat(cpu.secondsSince(ThreadCpu.REQUESTS)).isGreaterThanOrEqualTo(0.2);
        } finally {
            measured.countDown();
            busy.join();
        }
        assertThat(ThreadCpu.kind("C2 CompilerThre")).isEqualTo(ThreadCpu.JIT);
        assertThat(ThreadCpu.kind("G1 Conc#0")).isEqualTo("GC and VM thread");
        assertThat(ThreadCpu.describePerRequest(java.util.Map.of(ThreadCpu.JIT, 0.5), 100)).isEqualTo("JIT compilers 5.00 ms");
        assertThat(ThreadCpu.describePerRequest(new ThreadCpu.Usage(java.util.Map.of(ThreadCpu.REQUESTS, 0.4),
                java.util.Map.of(ThreadCpu.REQUESTS, 0.1)), 100)).isEqualTo("request threads 4.00 ms (25 % of it in the kernel)");
    }
}
