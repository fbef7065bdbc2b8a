package cn.xianfeng.portal;

import cn.xianfeng.common.TimeCheck;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.concurrent.atomic.AtomicBoolean;

/** A time check that fails while armed: how a test makes a clock move fail, to see the clock stay where it was. */
@TestConfiguration(proxyBeanMethods = false)
class FailingTimeCheck {

    static final AtomicBoolean ARMED = new AtomicBoolean();

    @Bean
    TimeCheck failingWhenArmed() {
        return new TimeCheck() {
            @Override
            public String name() {
                return "test-failing";
            }

            @Override
            public int run() {
                if (ARMED.get()) {
                    throw new IllegalStateException("a time check failed (armed by a test)");
                }
                return 0;
            }
        };
    }
}
