package cn.xianfeng.common;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * One clock for the application and the process engine, in the zone its users live in, so dates on forms,
 * due dates and PDFs agree. With xianfeng.clock.adjustable=true it can be moved (tests of time rules), and
 * xianfeng.clock.start-at starts it moved: a restarted portal then finds the timers that fell due while it was
 * down, as after a real outage.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock(@Value("${xianfeng.zone:Asia/Shanghai}") String zone,
                @Value("${xianfeng.clock.adjustable:false}") boolean adjustable,
                @Value("${xianfeng.clock.start-at:}") String startAt) {
        Clock system = Clock.system(ZoneId.of(zone));
        if (!adjustable) {
            return system;
        }
        AdjustableClock clock = new AdjustableClock(system);
        if (!startAt.isBlank()) {
            clock.set(OffsetDateTime.parse(startAt).toInstant());
        }
        return clock;
    }
}
