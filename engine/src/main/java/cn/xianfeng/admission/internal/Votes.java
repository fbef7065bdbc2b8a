package cn.xianfeng.admission.internal;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.InvalidInputException.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A branch general meeting's vote (fields fixed by API.md: entitled, present, yes, no, abstain). It passes only
 * when YES exceeds half of the full members entitled to attend and vote — not half of those present.
 */
record Votes(long entitled, long present, long yes, long no, long abstain) {

    static Votes of(Map<String, Object> values) {
        Votes v = new Votes(n(values, "entitled"), n(values, "present"), n(values, "yes"), n(values, "no"),
                n(values, "abstain"));
        List<Violation> problems = new ArrayList<>();
        if (v.present > v.entitled) {
            problems.add(new Violation("data.present", Refusal.of("admission.presentExceedsVoters")));
        }
        if (v.yes + v.no + v.abstain > v.present) {
            problems.add(new Violation("data.yes", Refusal.of("admission.votesExceedPresent")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return v;
    }

    boolean passed() {
        return yes * 2 > entitled;
    }

    private static long n(Map<String, Object> values, String field) {
        return values.get(field) instanceof Number number ? number.longValue() : 0;
    }
}
