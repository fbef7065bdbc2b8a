package cn.xianfeng.transfer.internal;

import org.flowable.dmn.api.DmnDecisionService;
import org.springframework.stereotype.Component;

import java.util.Map;

/** How long a letter is valid, by kind of move: the decision table processes/letter-validity.dmn decides. */
@Component
class LetterValidity {

    static final String DECISION = "letterValidity";

    private final DmnDecisionService decisions;

    LetterValidity(DmnDecisionService decisions) {
        this.decisions = decisions;
    }

    int days(String moveKind) {
        Map<String, Object> result = decisions.createExecuteDecisionBuilder().decisionKey(DECISION)
                .variable("moveKind", moveKind).executeWithSingleResult();
        if (result == null || !(result.get("validityDays") instanceof Number days)) {
            throw new IllegalStateException("letter-validity.dmn has no rule for " + moveKind);
        }
        return days.intValue();
    }
}
