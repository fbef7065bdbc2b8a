package cn.xianfeng.audit;

import cn.xianfeng.EngineTestApplication;
import org.springframework.boot.test.context.SpringBootTest;

/** Boots the engine on a fresh real PostgreSQL database, shared (one cached context) by the audit tests. */
@SpringBootTest(classes = EngineTestApplication.class)
@org.springframework.test.context.ContextConfiguration(initializers = cn.xianfeng.testing.RealPostgresInitializer.class)
public abstract class AuditTestSupport {

}
