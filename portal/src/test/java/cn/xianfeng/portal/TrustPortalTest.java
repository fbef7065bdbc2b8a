package cn.xianfeng.portal;

import cn.xianfeng.testing.RealPostgresInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One portal for the tests of issue 14 (trust), so they share a Spring context: the demo county, the superuser's
 * password, a clock the throttle test moves, and a sign-in throttle short enough to watch (3 free failures, then
 * 10 s doubling up to 80 s).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xianfeng.demo-password=demo-2026", "xianfeng.admin-password=" + TrustPortalTest.ADMIN_PASSWORD,
        "xianfeng.clock.adjustable=true", "xianfeng.login.max-failures=3", "xianfeng.login.first-delay=PT10S",
        "xianfeng.login.lockout=PT80S"})
@ContextConfiguration(initializers = RealPostgresInitializer.class)
@interface TrustPortalTest {

    String ADMIN_PASSWORD = "admin-trust-pw";
}
