package cn.xianfeng.common;

/**
 * A rule that depends on the date rather than on an action: meeting compliance (a branch that missed its month),
 * six months of unpaid dues, and the like. Each is run on a wall-clock schedule by its own module, and by every
 * move of the adjustable clock right after the timers that fell due have fired — so that moving the clock past a
 * month shows the flag, not only the OVERDUE mark. A check must be idempotent (it finds each period once) and run
 * as of the application's clock.
 */
public interface TimeCheck {

    /** A short name for logs and the clock move's answer, e.g. {@code meeting-compliance}. */
    String name();

    /** Runs the check now (by the application's clock); returns how many things it raised. */
    int run();
}
