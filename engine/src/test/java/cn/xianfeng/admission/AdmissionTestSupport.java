package cn.xianfeng.admission;

import cn.xianfeng.evidence.Attachments;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.testing.RealPostgresInitializer;
import cn.xianfeng.workflow.Cases;
import cn.xianfeng.workflow.EngineTime;
import cn.xianfeng.workflow.Tasks;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.time.Clock;

/**
 * The admission process on a real engine and PostgreSQL, with the application's adjustable clock (which is also
 * Flowable's); timers fire when the clock is moved, not in the background, so tests are deterministic.
 */
@SpringBootTest(properties = {"xianfeng.clock.adjustable=true", "flowable.async-executor-activate=false"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
abstract class AdmissionTestSupport {

    @Autowired Cases cases;
    @Autowired Tasks tasks;
    @Autowired People people;
    @Autowired Orgs orgs;
    @Autowired Attachments attachments;
    @Autowired EngineTime time;
    @Autowired Clock clock;
    @Autowired Admissions admissions;
    @Autowired JdbcClient jdbc;

    AdmissionWalk walk;

    @BeforeEach
    void walk() {
        walk = new AdmissionWalk(cases, tasks, people, orgs, attachments, time, clock);
    }
}
