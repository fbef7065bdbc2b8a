package cn.xianfeng.workflow.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which elements of a case's model to paint done, returned or current, from its activity instances in start order.
 * A step is done only if its latest pass completed and the case has not since come back over it: 退回 to an earlier
 * step (Flowable cancels the returned step with "Change activity to <target>") re-opens the target and undoes what
 * ran from the target's last pass up to the move, unless it ran again since; the step sent back is marked returned,
 * never done, until it is done again.
 */
final class TraceMarks {

    /** Flowable's delete reason when a step is moved by the change-state builder (退回, 撤回). */
    static final String MOVED = "Change ";

    record Pass(String activityId, Instant start, Instant end, String deleteReason) {
    }

    record Marks(List<String> done, List<String> returned, List<String> current) {
    }

    private TraceMarks() {
    }

    static Marks of(List<Pass> inStartOrder) {
        Map<String, Pass> latest = new LinkedHashMap<>();
        inStartOrder.forEach(p -> latest.put(p.activityId(), p));
        Set<String> undone = new HashSet<>();
        for (Pass moved : inStartOrder) {
            if (moved.end() == null || moved.deleteReason() == null || !moved.deleteReason().startsWith(MOVED)) {
                continue;
            }
            // sent back to the step named in the reason: what ran from that step's last pass up to the move is undone
            Instant from = null;
            for (Pass p : inStartOrder) {
                if (p.start().isBefore(moved.start()) && named(moved.deleteReason(), p.activityId())
                        && (from == null || p.start().isAfter(from))) {
                    from = p.start();
                }
            }
            if (from == null) {
                continue;
            }
            // a pass that ended by the time the target began (the start event, in the same instant) stays done
            for (Pass p : latest.values()) {
                if (!p.start().isBefore(from) && p.start().isBefore(moved.end())
                        && (p.end() == null || p.end().isAfter(from))) {
                    undone.add(p.activityId());
                }
            }
        }
        List<String> done = new ArrayList<>();
        List<String> returned = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (Pass p : latest.values()) {
            if (p.end() == null) {
                current.add(p.activityId());
            } else if (p.deleteReason() != null) {
                if (p.deleteReason().startsWith(MOVED)) {
                    returned.add(p.activityId());
                }
            } else if (!undone.contains(p.activityId())) {
                done.add(p.activityId());
            }
        }
        return new Marks(done, returned, current);
    }

    /** Whether Flowable's reason names this element ("Change activity to step02", or a list of ids). */
    private static boolean named(String reason, String activityId) {
        int at = reason.indexOf(activityId);
        while (at >= 0) {
            int end = at + activityId.length();
            boolean before = at == 0 || !part(reason.charAt(at - 1));
            boolean after = end == reason.length() || !part(reason.charAt(end));
            if (before && after) {
                return true;
            }
            at = reason.indexOf(activityId, at + 1);
        }
        return false;
    }

    private static boolean part(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
}
