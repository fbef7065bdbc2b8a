package cn.xianfeng.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that runs at real speed from a moved starting point. Only with xianfeng.clock.adjustable=true
 * (tests and demos of rules that span months and years); never the default, never in production.
 */
public final class AdjustableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    public AdjustableClock(Clock base) {
        this(base, new AtomicReference<>(Duration.ZERO));
    }

    private AdjustableClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base;
        this.offset = offset;
    }

    /** Moves the clock so that it reads {@code now} at this moment and runs on from there. */
    public void set(Instant now) {
        offset.set(Duration.between(base.instant(), now));
    }

    /** How far the clock is moved from real time; {@link #restore} puts it back exactly (a failed move). */
    public Duration offset() {
        return offset.get();
    }

    public void restore(Duration previous) {
        offset.set(previous);
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    public boolean isMoved() {
        return !offset.get().isZero();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new AdjustableClock(base.withZone(zone), offset);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }
}
