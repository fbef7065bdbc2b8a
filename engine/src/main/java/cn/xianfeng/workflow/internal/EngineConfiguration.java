package cn.xianfeng.workflow.internal;

import org.flowable.common.engine.impl.runtime.Clock;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Calendar;
import java.util.Date;
import java.util.TimeZone;

/**
 * Ties Flowable to the application: its clock is the application's clock (due dates, timers, history), so
 * moving the adjustable clock moves both. Case-level "participant" links and the "event" comments of who holds
 * a task are not recorded (see {@link NoParticipantLinks}, {@link NoLinkEventComments}): the audit trail has both.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> xianfengEngine(java.time.Clock clock) {
        return engine -> {
            engine.setClock(new ApplicationClock(clock));
            engine.setIdentityLinkInterceptor(new NoParticipantLinks());
            engine.setHistoryManager(new NoLinkEventComments(engine));
        };
    }

    /** Flowable's clock interface over the application's java.time clock; it cannot be set through Flowable. */
    static final class ApplicationClock implements Clock {

        private final java.time.Clock clock;

        ApplicationClock(java.time.Clock clock) {
            this.clock = clock;
        }

        @Override
        public Date getCurrentTime() {
            return Date.from(clock.instant());
        }

        @Override
        public Calendar getCurrentCalendar() {
            return getCurrentCalendar(TimeZone.getTimeZone(clock.getZone()));
        }

        @Override
        public Calendar getCurrentCalendar(TimeZone timeZone) {
            Calendar c = Calendar.getInstance(timeZone);
            c.setTime(getCurrentTime());
            return c;
        }

        @Override
        public TimeZone getCurrentTimeZone() {
            return TimeZone.getTimeZone(clock.getZone());
        }

        @Override
        public void setCurrentTime(Date currentTime) {
            throw new UnsupportedOperationException("move the application clock (POST /api/admin/clock)");
        }

        @Override
        public void setCurrentCalendar(Calendar currentTime) {
            throw new UnsupportedOperationException("move the application clock (POST /api/admin/clock)");
        }

        @Override
        public void reset() {
            // the application clock is reset through AdjustableClock
        }
    }
}
