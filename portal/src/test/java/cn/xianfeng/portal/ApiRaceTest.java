package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secretary of C01-T1-B1 presses 审核 on two devices at the same instant, N times over HTTP
 * (-Dxianfeng.http-trials, 50 by default): exactly one 200, the other 409, never a 5xx, one TASK_COMPLETED.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "xianfeng.demo-password=demo-2026")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class ApiRaceTest {

    static final String DEMO = "demo-2026";
    static final int TRIALS = Integer.getInteger("xianfeng.http-trials", 50);

    @LocalServerPort
    int port;

    @Test
    void twoCompletionsOverHttpOneGets200TheOther409() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int trial = 0; trial < TRIALS; trial++) {
                String caseId = Fixtures.startReport(port, "zhaoliu", "并发" + trial);
                String taskId = Fixtures.firstTask(port, caseId);
                CyclicBarrier barrier = new CyclicBarrier(2);
                List<Future<HttpResponse<String>>> both = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    both.add(pool.submit(() -> {
                        barrier.await(120, TimeUnit.SECONDS);
                        return Browserless.api(port, "POST", "/api/tasks/" + taskId + "/complete", "zhangsan", DEMO,
                                "{\"data\":{\"decision\":\"APPROVE\"}}");
                    }));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<HttpResponse<String>> f : both) {
                    statuses.add(f.get(30, TimeUnit.SECONDS).statusCode());
                }
                assertThat(statuses).as("trial %d", trial).containsExactlyInAnyOrder(200, 409);
                String history = BadInputCorpus.inSession(port, "zhangsan", "GET", "/api/cases/" + caseId + "/history",
                        null).body();
                assertThat(history.split("\"TASK_COMPLETED\"", -1).length - 1).as("trial %d", trial).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
