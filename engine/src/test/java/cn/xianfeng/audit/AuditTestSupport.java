package cn.xianfeng.audit;

import cn.xianfeng.EngineTestApplication;
import cn.xianfeng.testing.RealServices;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Boots the engine on a fresh real PostgreSQL database, shared (one cached context) by the audit tests. */
@SpringBootTest(classes = EngineTestApplication.class)
public abstract class AuditTestSupport {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        RealServices.Database database = RealServices.freshDatabase();
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
    }
}
