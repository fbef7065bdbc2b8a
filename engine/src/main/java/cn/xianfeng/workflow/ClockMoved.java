package cn.xianfeng.workflow;

import java.time.Instant;

/**
 * The adjustable clock was moved (tests and demos only) and due timers fired: time rules that are checked on a
 * schedule (dues' six months, monthly reminders) listen to check themselves as of {@code now} at once.
 */
public record ClockMoved(Instant now) {
}
