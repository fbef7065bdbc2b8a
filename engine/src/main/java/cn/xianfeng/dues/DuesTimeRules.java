package cn.xianfeng.dues;

import cn.xianfeng.dues.DuesTypes.CheckResult;
import cn.xianfeng.dues.internal.TimeChecks;
import org.springframework.stereotype.Service;

import java.time.Instant;

/**
 * The dues rules that depend on time alone — the monthly notice to members in arrears and the six-month rule —
 * checked as of a moment: by a scheduled job, and at once when the adjustable clock moves.
 */
@Service
public class DuesTimeRules {

    private final TimeChecks checks;

    DuesTimeRules(TimeChecks checks) {
        this.checks = checks;
    }

    public CheckResult check(Instant now) {
        return checks.check(now);
    }
}
